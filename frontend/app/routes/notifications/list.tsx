import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Pagination, ResultCount } from '~/components/pagination';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime, plural } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/list';

export const meta = titled('Notifications');

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, null, context);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const unreadOnly = url.searchParams.get('unread') === 'true';
  const list = await ok(request, api(request).GET('/api/notifications', { params: { query: { page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unread: true } : {}) } } }));
  return { list, unreadOnly, search: url.searchParams.toString() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireUser(request, null, context);
  const formData = await readFormWithCsrf(request);
  const client = api(request, { csrfToken: session.csrfToken });
  const back = new URL(request.url);
  if (formData.get('intent') === 'read-all') {
    const result = await attempt(client.POST('/api/notifications/read-all'));
    if (!result.ok) throwProblem(request, result.problem);
    return redirect(`/notifications${back.search}`);
  }
  const id = String(formData.get('id') ?? '');
  if (!UUID.test(id)) throw new Response('Not found', { status: 404 });
  const result = await attempt(client.POST('/api/notifications/{id}/read', { params: { path: { id } } }));
  if (!result.ok) throwProblem(request, result.problem);
  return redirect(`/notifications${back.search}`);
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const { list, unreadOnly, search } = loaderData;
  return (
    <>
      <h1>Notifications</h1>
      <p className="max-w-3xl">
        Alerts about your contracts: 180, 90 and 30 days before each notice deadline and end date, and when a solution you have a contract for loses its
        accreditation. <Link to="/notifications/preferences">Choose which alerts you get</Link>.
      </p>
      <p>
        {list.unread ? `You have ${list.unread} unread ${plural(list.unread, 'notification')}.` : 'You have no unread notifications.'}{' '}
        {unreadOnly ? <Link to="/notifications">Show all notifications</Link> : list.unread ? <Link to="/notifications?unread=true">Show only unread</Link> : null}
      </p>
      {list.unread ? (
        <Form method="post" className="mb-6">
          <CsrfInput />
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="button button-secondary">
            Mark all as read
          </button>
        </Form>
      ) : null}
      <ResultCount page={list.page} pageSize={list.pageSize} total={list.total} noun={['notification', 'notifications']} />
      {list.items.length ? (
        <ul className="m-0 list-none p-0" aria-label="Notifications, newest first">
          {list.items.map((n) => (
            <li key={n.id} className={n.readAt ? 'mb-4 border-l-8 border-ink-secondary bg-white p-4' : 'mb-4 border-l-8 border-brand bg-white p-4'}>
              <h2 className="mb-2 text-xl">
                {n.readAt ? null : (
                  <>
                    <StatusTag status="submitted">Unread</StatusTag>{' '}
                  </>
                )}
                <Link to={n.link}>{n.title}</Link>
              </h2>
              <p className="mb-2">{n.body}</p>
              <p className="mb-2 text-ink-secondary">
                {formatDateTime(n.createdAt)}
                {n.readAt ? `, read ${formatDateTime(n.readAt)}` : ''}
              </p>
              {n.readAt ? null : (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="button button-secondary">
                    Mark as read<span className="sr-only">: {n.title}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{unreadOnly ? 'There are no unread notifications.' : 'There are no notifications yet.'}</p>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} search={search} label="Notification pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
