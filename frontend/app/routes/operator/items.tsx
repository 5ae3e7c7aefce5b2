import { Form, redirect } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import type { FieldErrors } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/items';

export const meta = titled('Find a catalogue item');

const ITEM_ID = /^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/;

/** A plain GET form, so it works without JavaScript: a valid id goes straight to the item. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const id = new URL(request.url).searchParams.get('id')?.trim().toUpperCase();
  if (id && ITEM_ID.test(id)) throw redirect(`/operator/items/${id}`);
  return { id: id ?? null, error: id !== undefined && id !== null ? 'Enter a catalogue item id, like 10000-001' : undefined };
}

export default function FindItem({ loaderData }: Route.ComponentProps) {
  const errors: FieldErrors = loaderData.error ? { id: loaderData.error } : {};
  return (
    <>
      <h1>Find a catalogue item</h1>
      <ErrorSummary errors={errors} />
      <p className="max-w-3xl">Open an item to change its publication status or record its assessment results.</p>
      <Form method="get" noValidate className="max-w-xl">
        <TextField name="id" label="Catalogue item id" hint="For example, 10000-001" defaultValue={loaderData.id ?? ''} error={errors.id} className="max-w-48" spellCheck={false} />
        <button type="submit" className="button">
          Find item
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
