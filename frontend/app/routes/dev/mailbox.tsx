import { Fragment } from 'react';
import { data, Form, Link, useLocation } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { TextField } from '~/components/fields';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, attempt, throwProblem } from '~/lib/api/client.server';
import { formatDateTime } from '~/lib/format';
import { titled } from '~/lib/meta';
import type { Route } from './+types/mailbox';

export const meta = titled('Development mailbox');

const PAGE_SIZE = 20;

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const to = url.searchParams.get('to')?.trim() ?? '';
  const page = Math.max(1, Math.min(100000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
  const result = await attempt(
    api(request).GET('/api/dev/mailbox', { params: { query: { to: to || undefined, page, pageSize: PAGE_SIZE } } }),
  );
  if (result.ok) return { to, emails: result.data, toError: null };
  // Off in production: the API answers 404, and so do we.
  if (result.problem.status === 404) throw data(null, { status: 404 });
  if (result.problem.code === 'validation-error') {
    return { to, emails: null, toError: 'Enter an email address in the correct format, like name@example.nhs.uk' };
  }
  throwProblem(request, result.problem);
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The email's text with its web addresses as links (same-site ones stay on this site). */
function Body({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <div className="whitespace-pre-wrap break-words">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </div>
  );
}

export default function Mailbox({ loaderData }: Route.ComponentProps) {
  const { to, emails, toError } = loaderData;
  const { search } = useLocation();
  return (
    <>
      <span className="mb-2 block text-lg text-ink-secondary">Development only</span>
      <h1>Development mailbox</h1>
      <p className="max-w-3xl">
        Emails the marketplace would have sent, newest first. This page exists only on development and test systems; on
        the live service emails are delivered and this page does not exist.
      </p>
      <div className="card max-w-3xl">
        <Form method="get" role="search" aria-label="Mailbox" noValidate>
          <TextField name="to" type="email" label="Only emails to" defaultValue={to} error={toError ?? undefined} spellCheck={false} autoComplete="off" />
          <div className="flex flex-wrap items-center gap-6">
            <button type="submit" className="button">
              Show emails
            </button>
            {to ? <Link to="/dev/mailbox">Show all emails</Link> : null}
          </div>
        </Form>
      </div>
      {emails ? (
        <>
          <ResultCount page={emails.page} pageSize={emails.pageSize} total={emails.total} noun={['email', 'emails']} />
          <ol className="space-y-6">
            {emails.items.map((email) => (
              <li key={email.id}>
                <article className="card mb-0" aria-labelledby={`email-${email.id}`}>
                  <h2 id={`email-${email.id}`} className="text-xl">
                    {email.subject}
                  </h2>
                  <dl className="summary-list">
                    <div>
                      <dt>To</dt>
                      <dd className="break-all">{email.to}</dd>
                    </div>
                    <div>
                      <dt>Written</dt>
                      <dd>{formatDateTime(email.createdAt)}</dd>
                    </div>
                    <div>
                      <dt>Sent</dt>
                      <dd>{email.sentAt ? formatDateTime(email.sentAt) : 'Not sent (no mail server configured)'}</dd>
                    </div>
                  </dl>
                  <Body text={email.text} />
                </article>
              </li>
            ))}
          </ol>
          <Pagination page={emails.page} pageSize={emails.pageSize} total={emails.total} search={search} label="Mailbox pages" />
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
