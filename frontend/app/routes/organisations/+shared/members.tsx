import { useEffect, useRef } from 'react';
import { Form } from 'react-router';
import { z } from 'zod';
import { DataTable } from '~/components/data-table';
import { CsrfInput } from '~/components/csrf-input';
import { ErrorSummary } from '~/components/error-summary';
import { CheckboxField, TextField } from '~/components/fields';
import type { InvitationView, MemberView, Page } from '~/lib/api/types';
import type { FormResult } from '~/lib/forms';
import { formatDate, formatDateTime } from '~/lib/format';
import { checkbox, emailField } from '~/lib/schemas';
import { useFormErrors } from '~/lib/use-form-errors';

export type MemberActionResult = FormResult & { intent: 'invite' | 'set-admin'; notice?: string };

/** Checked in the browser before posting and again by the action (members.server.ts). */
export const inviteSchema = z.object({ email: emailField, isAdmin: checkbox });

export function Notice({ result }: { result: MemberActionResult | undefined }) {
  if (!result?.notice) return null;
  return (
    <div className="mb-8 border-l-8 border-go bg-white p-4" role="status">
      <p className="m-0 font-semibold">{result.notice}</p>
    </div>
  );
}

/** Members and pending invitations of an organisation, with the admin toggle for each member. */
export function PeopleSection({
  members,
  invitations,
  result,
  currentUserEmail,
}: {
  members: Page<MemberView>;
  invitations: Page<InvitationView>;
  result: MemberActionResult | undefined;
  currentUserEmail: string;
}) {
  const roleError = result?.intent === 'set-admin' ? result.formError : undefined;
  return (
    <section aria-labelledby="members-heading" className="mb-10">
      <h2 id="members-heading">Users</h2>
      {roleError ? (
        <div className="mb-6 border-4 border-danger bg-white p-4" role="alert">
          <h3 className="mb-2 text-lg">That change was not made</h3>
          <p className="m-0 font-semibold text-danger">{roleError}</p>
        </div>
      ) : null}
      {members.items.length ? (
        <DataTable id="members" caption="Users of this organisation">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email address</th>
              <th scope="col">Administrator</th>
              <th scope="col">Last signed in</th>
              <th scope="col">
                <span className="sr-only">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.items.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  {m.email === currentUserEmail ? <span className="text-ink-secondary"> (you)</span> : null}
                  {m.status !== 'active' ? <span className="text-ink-secondary"> ({m.status})</span> : null}
                </td>
                <td className="break-words">{m.email}</td>
                <td>{m.isAdmin ? 'Yes' : 'No'}</td>
                <td>{m.lastSignInAt ? formatDateTime(m.lastSignInAt) : 'Never'}</td>
                <td>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="set-admin" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <input type="hidden" name="isAdmin" value={m.isAdmin ? 'false' : 'true'} />
                    <button type="submit" className="button-link text-left">
                      {m.isAdmin ? 'Remove administrator' : 'Make administrator'}
                      <span className="sr-only"> for {m.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>No one has an account for this organisation yet.</p>
      )}
      {members.total > members.items.length ? (
        <p className="mt-2 text-ink-secondary">
          Showing the first {members.items.length} of {members.total} users.
        </p>
      ) : null}

      <h3 className="mt-8">Invitations not yet accepted</h3>
      {invitations.items.length ? (
        <DataTable id="invitations" caption="Invitations not yet accepted">
          <thead>
            <tr>
              <th scope="col">Email address</th>
              <th scope="col">Administrator</th>
              <th scope="col">Sent</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {invitations.items.map((i) => (
              <tr key={i.id}>
                <td className="break-words">{i.email}</td>
                <td>{i.isAdmin ? 'Yes' : 'No'}</td>
                <td>{formatDate(i.createdAt)}</td>
                <td>{formatDate(i.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>There are no invitations waiting to be accepted.</p>
      )}
    </section>
  );
}

/** "Invite a colleague" / "Invite a user to this organisation". */
export function InviteForm({ heading, organisationName, result }: { heading: string; organisationName: string; result: MemberActionResult | undefined }) {
  const inviteResult = result?.intent === 'invite' ? result : undefined;
  const { errors, formError, onSubmit } = useFormErrors(inviteSchema, inviteResult);
  const formRef = useRef<HTMLFormElement>(null);
  // Empty the form after a successful invitation, ready for the next one.
  useEffect(() => {
    if (inviteResult?.notice) formRef.current?.reset();
  }, [inviteResult]);
  return (
    <section aria-labelledby="invite-heading" className="card max-w-2xl">
      <h2 id="invite-heading">{heading}</h2>
      <ErrorSummary errors={errors} formError={formError} fieldIds={{ email: 'invite-email', isAdmin: 'invite-isAdmin' }} />
      <p>
        We will email them a link to set up their account for {organisationName}. The link works for 7 days.
      </p>
      <Form method="post" noValidate onSubmit={onSubmit} ref={formRef}>
        <CsrfInput />
        <input type="hidden" name="intent" value="invite" />
        <TextField
          id="invite-email"
          name="email"
          type="email"
          label="Email address"
          autoComplete="off"
          spellCheck={false}
          defaultValue={inviteResult?.notice ? undefined : inviteResult?.values?.email}
          error={errors.email}
        />
        <CheckboxField
          id="invite-isAdmin"
          name="isAdmin"
          label="Make them an administrator"
          hint="Administrators can invite colleagues and change who is an administrator."
          error={errors.isAdmin}
        />
        <button type="submit" className="button">
          Send invitation
        </button>
      </Form>
    </section>
  );
}
