import { useEffect } from 'react';
import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { formProblem } from '../orders/+shared/order.server';
import type { Route } from './+types/payouts';

export const meta = titled('Payouts');

const STATUS: Record<string, { name: string; tone: string; text: string }> = {
  invoice: { name: 'Pay by invoice', tone: 'draft', text: 'Card and Direct Debit payments are not switched on in this portal. Buyers pay you by invoice.' },
  not_started: { name: 'Not started', tone: 'draft', text: 'Set up payouts to be paid by card or Direct Debit for locally funded orders. Until then, buyers pay you by invoice.' },
  pending: { name: 'Pending', tone: 'submitted', text: 'Stripe has not finished checking your details. Continue the set-up if you have not finished it.' },
  enabled: { name: 'Enabled', tone: 'complete', text: 'Buyers can pay you by card or Direct Debit for locally funded orders; Stripe pays you out.' },
  restricted: { name: 'Restricted', tone: 'failed', text: 'Stripe needs more information before it can pay you. Continue the set-up to give it.' },
};

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const account = await ok(request, api(request).GET('/api/vendor/payouts'));
  const query = new URL(request.url).searchParams;
  return { account, returned: query.get('returned') === '1' };
}

/** "Set up payouts": to Stripe's onboarding for the supplier's account; "View payouts in Stripe": to its Express dashboard. */
export async function action({ request }: Route.ActionArgs) {
  const session = await requireUser(request, ['vendor']);
  const form = await readFormWithCsrf(request);
  const client = api(request, { csrfToken: session.csrfToken });
  const result = await attempt(form.get('intent') === 'dashboard' ? client.POST('/api/vendor/payouts/dashboard') : client.POST('/api/vendor/payouts/onboarding'));
  // To Stripe's onboarding. Not a redirect: the CSP's form-action 'self' blocks a form post redirected to another site.
  if (result.ok) return { continueTo: result.data.url };
  return formProblem(request, result.problem, {});
}

export default function Payouts({ loaderData, actionData }: Route.ComponentProps) {
  const { account, returned } = loaderData;
  const s = STATUS[account.status] ?? STATUS.pending;
  const continueTo = (actionData as { continueTo?: string } | undefined)?.continueTo;
  useEffect(() => {
    if (continueTo) window.location.assign(continueTo);
  }, [continueTo]);
  return (
    <>
      <h1>Payouts</h1>
      {returned && account.status !== 'enabled' ? <SuccessNotice>Thank you. Stripe is checking your details; this page shows the result.</SuccessNotice> : null}
      <ErrorSummary errors={(actionData as { errors?: Record<string, string> } | undefined)?.errors} formError={(actionData as { formError?: string } | undefined)?.formError} />
      <p>
        Status:{' '}
        <span data-testid="payout-status">
          <StatusTag status={s.tone}>{s.name}</StatusTag>
        </span>
      </p>
      <p className="max-w-3xl">{s.text}</p>
      {account.requirements.length ? (
        <>
          <h2 className="text-xl">Stripe still needs</h2>
          <ul className="list-disc pl-5">
            {account.requirements.map((r) => (
              <li key={r}>{r.replaceAll('_', ' ').replaceAll('.', ': ')}</li>
            ))}
          </ul>
        </>
      ) : null}
      {account.updatedAt ? <p className="text-ink-secondary">Last reported by Stripe: {formatDateTime(account.updatedAt)}</p> : null}
      {continueTo ? (
        <p role="status">
          <a href={continueTo}>{account.status === 'enabled' ? 'Continue to your payouts in Stripe' : 'Continue to Stripe to set up payouts'}</a>
        </p>
      ) : null}
      {account.paymentsEnabled && account.status === 'enabled' ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="dashboard" />
          <button type="submit" className="button">
            View payouts in Stripe
          </button>
        </Form>
      ) : null}
      {account.paymentsEnabled && account.status !== 'enabled' ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" className="button">
            {account.status === 'not_started' ? 'Set up payouts' : 'Continue setting up payouts'}
          </button>
        </Form>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
