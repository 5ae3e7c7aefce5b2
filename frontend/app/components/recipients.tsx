// Service recipients (the practices that will use what is bought), chosen the same way for an order
// and for a competition: a table of those chosen, a practice picker and a CSV upload.
import { Form, Link } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { FieldError } from '~/components/fields';
import { cx } from '~/lib/cx';
import { formatNumber } from '~/lib/format';
import type { FieldErrors } from '~/lib/forms';

/** "order" or "competition": what the recipients belong to, in the page's words. */
export type RecipientsOwner = 'order' | 'competition';

export interface Recipient {
  odsCode: string;
  name: string;
  registeredPatients?: number | null;
}

export interface PracticeChoice {
  code: string;
  name: string;
  town: string | null;
}

export interface Chooser {
  q: string;
  total: number;
  /** False when the buyer is a practice: it buys for itself, so there is nothing to search. */
  searchable: boolean;
  practices: PracticeChoice[];
}

export function nothingChanged(owner: RecipientsOwner): string {
  return `Nothing was changed: the ${owner}’s service recipients are as they were.`;
}

/** The error summary's link target for the picker: its first checkbox. */
export function chooserFieldIds(chooser: Chooser | null): Record<string, string> {
  return chooser?.practices.length ? { practices: `practice-${chooser.practices[0].code}` } : {};
}

export function RecipientsTable({ recipients, owner }: { recipients: Recipient[]; owner: RecipientsOwner }) {
  if (!recipients.length) {
    return (
      <p data-testid="no-recipients">
        <strong>No service recipients have been chosen yet.</strong>
      </p>
    );
  }
  return (
    <DataTable id="recipients" caption={`Service recipients of this ${owner} (${recipients.length})`}>
      <thead>
        <tr>
          <th scope="col">Practice</th>
          <th scope="col">ODS code</th>
          <th scope="col" className="text-right">
            Registered patients
          </th>
        </tr>
      </thead>
      <tbody>
        {recipients.map((r) => (
          <tr key={r.odsCode}>
            <td>{r.name}</td>
            <td>{r.odsCode}</td>
            <td className="text-right">{r.registeredPatients != null ? formatNumber(r.registeredPatients) : 'Not recorded'}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/**
 * The practice picker: a search (GET) and the checkboxes (POST). Practices already chosen but not
 * shown (a search filtered them out) are posted as `current` without `shown`, so they are kept.
 */
export function PracticeChooser({
  owner,
  recipients,
  chooser,
  errors,
  legend,
  uploadHref,
}: {
  owner: RecipientsOwner;
  recipients: Recipient[];
  chooser: Chooser;
  errors: FieldErrors;
  legend: string;
  uploadHref: string;
}) {
  const current = new Set(recipients.map((r) => r.odsCode));
  const keptWhere = owner === 'order' ? 'on the order' : 'in the competition';
  return (
    <>
      <h2 className="mt-8">Choose practices</h2>
      <p>
        <Link to={uploadHref}>Upload a CSV file of ODS codes instead</Link>
      </p>
      {chooser.searchable ? (
        <Form method="get" className="mb-6 flex max-w-2xl flex-wrap items-end gap-3" role="search" aria-label="Practices">
          <div className="grow">
            <label htmlFor="q" className="mb-1 block font-bold">
              Search practices by name, ODS code or postcode
            </label>
            <input id="q" name="q" type="search" className="input" defaultValue={chooser.q} />
          </div>
          <button type="submit" className="button button-secondary">
            Search
          </button>
        </Form>
      ) : null}
      <Form method="post" noValidate className="max-w-3xl">
        <CsrfInput />
        {recipients.map((r) => (
          <input key={r.odsCode} type="hidden" name="current" value={r.odsCode} />
        ))}
        {chooser.practices.map((p) => (
          <input key={p.code} type="hidden" name="shown" value={p.code} />
        ))}
        <fieldset className={cx('mb-6', errors.practices && 'border-l-4 border-danger pl-4')} aria-describedby={errors.practices ? 'practices-hint practices-error' : 'practices-hint'}>
          <legend className="mb-2 font-bold">{legend}</legend>
          <p id="practices-hint" className="mb-2 text-ink-secondary">
            {!chooser.searchable
              ? 'A practice buys for itself.'
              : chooser.q
                ? `Practices matching “${chooser.q}” (${chooser.practices.length}). Practices already chosen that are not shown stay ${keptWhere}.`
                : `Practices in your area (${chooser.total > chooser.practices.length ? `the first ${chooser.practices.length} of ${chooser.total}; search to find others` : chooser.practices.length}).`}
          </p>
          <FieldError id="practices" error={errors.practices} />
          {chooser.practices.map((p) => (
            <div key={p.code} className="mb-2 flex items-start gap-3">
              <input
                type="checkbox"
                id={`practice-${p.code}`}
                name="odsCodes"
                value={p.code}
                defaultChecked={current.has(p.code)}
                className="mt-0.5 h-6 w-6 shrink-0 cursor-pointer accent-brand"
              />
              <label htmlFor={`practice-${p.code}`} className="cursor-pointer">
                {p.name} ({p.code}){p.town ? `, ${p.town}` : ''}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          Save and continue
        </button>
      </Form>
    </>
  );
}

/** The CSV upload form; every message (one per wrong row, or about the file) is shown at the file field. */
export function RecipientsUploadForm({ owner, recipientCount, errors }: { owner: RecipientsOwner; recipientCount: number; errors: FieldErrors }) {
  const messages = Object.values(errors);
  return (
    <>
      <p className="max-w-3xl">
        Upload a CSV file with one practice ODS code on each row, such as A81001. The first row may be a heading naming an “ODS code” column. The
        file replaces the {owner}’s service recipients ({recipientCount} now). If any row is wrong, nothing is changed.
      </p>
      <Form method="post" encType="multipart/form-data" noValidate className="max-w-2xl">
        <CsrfInput />
        <div className={cx('mb-6', messages.length > 0 && 'border-l-4 border-danger pl-4')}>
          <label htmlFor="csvFile" className="mb-1 block font-bold">
            Upload a CSV file
          </label>
          <div id="csvFile-hint" className="mb-2 text-ink-secondary">
            At most 2,000 rows.
          </div>
          {messages.length ? (
            <div id="csvFile-error" className="mb-2 font-bold text-danger">
              <span className="sr-only">Error: </span>
              {messages.length === 1 ? (
                <p className="mb-0">{messages[0]}</p>
              ) : (
                <ul className="list-disc pl-6">
                  {messages.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              )}
              <p className="mb-0 mt-1">{nothingChanged(owner)}</p>
            </div>
          ) : null}
          <input
            id="csvFile"
            name="csvFile"
            type="file"
            accept=".csv,text/csv"
            className={cx('block', messages.length > 0 && 'border-2 border-danger p-1')}
            aria-describedby={messages.length ? 'csvFile-hint csvFile-error' : 'csvFile-hint'}
            aria-invalid={messages.length ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          Upload file
        </button>
      </Form>
    </>
  );
}

/** Every upload message links to the file field. */
export function uploadFieldIds(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((k) => [k, 'csvFile']));
}
