import { Link } from 'react-router';
import type { components } from '~/lib/api/schema';
import { accreditationName } from '~/lib/catalogue';
import { formatDate } from '~/lib/format';
import { DataTable } from './data-table';
import { StatusTag } from './status-tag';

export type ItemAssessment = components['schemas']['ItemAssessment'];
type Result = components['schemas']['ResultView'] | null;

/** Where an operator records a result; vendors get no links. */
type RecordLink = ((subject: 'capabilities' | 'epics' | 'standards', id: string | number) => string) | undefined;

function ResultCells({ result }: { result: Result }) {
  if (!result) {
    return (
      <>
        <td>Not assessed</td>
        <td />
        <td />
      </>
    );
  }
  return (
    <>
      <td>
        {result.label}
        {result.dueOn ? <span className="block text-ink-secondary">Work-off plan due {formatDate(result.dueOn)}</span> : null}
        {result.evidence ? <span className="block text-ink-secondary">{result.evidence}</span> : null}
      </td>
      <td>
        {formatDate(result.assessedOn)}
        <span className="block text-ink-secondary">{result.assessor}</span>
      </td>
      <td>{result.expiresOn ? formatDate(result.expiresOn) : 'Does not expire'}</td>
    </>
  );
}

function RecordCell({ href, what }: { href?: string; what: string }) {
  if (!href) return null;
  return (
    <td>
      <Link to={href}>
        Record result<span className="sr-only"> for {what}</span>
      </Link>
    </td>
  );
}

export function AccreditationSummary({ assessment }: { assessment: ItemAssessment }) {
  const { accreditation } = assessment;
  return (
    <dl className="summary-list max-w-3xl" id="accreditation-summary">
      <div>
        <dt>Accreditation</dt>
        <dd>
          <StatusTag status={accreditation.status}>{accreditationName(accreditation.status)}</StatusTag>
        </dd>
      </div>
      <div>
        <dt>Reason</dt>
        <dd>{accreditation.reason ?? 'None given'}</dd>
      </div>
      {assessment.findings.length ? (
        <div>
          <dt>Findings</dt>
          <dd>
            <ul className="list-disc pl-5">
              {assessment.findings.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Next dates</dt>
        <dd>
          {assessment.upcoming.length ? (
            <ul className="list-disc pl-5">
              {assessment.upcoming.slice(0, 5).map((u) => (
                <li key={`${u.kind}-${u.subject}-${u.id}`}>
                  {formatDate(u.date)}: {u.kind === 'expiry' ? 'expiry of' : 'work-off plan due for'} {u.id} {u.name}
                  {u.overdue ? <strong className="text-danger"> (overdue)</strong> : null}
                </li>
              ))}
            </ul>
          ) : (
            'None'
          )}
        </dd>
      </div>
    </dl>
  );
}

export function AssessmentTables({ assessment, recordLink }: { assessment: ItemAssessment; recordLink?: RecordLink }) {
  const head = (
    <thead>
      <tr>
        <th scope="col">Requirement</th>
        <th scope="col">Result</th>
        <th scope="col">Assessed</th>
        <th scope="col">Expires</th>
        {recordLink ? (
          <th scope="col">
            <span className="sr-only">Record</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
  return (
    <>
      <h2>Capabilities and epics</h2>
      {assessment.capabilities.length ? null : <p>This item claims no capabilities.</p>}
      {assessment.capabilities.map((c) => (
        <section key={c.id} aria-labelledby={`capability-${c.id}`} className="mb-8">
          <h3 id={`capability-${c.id}`}>
            {c.ref} {c.name}
          </h3>
          <DataTable id={`capability-${c.id}-results`} caption={`Results for ${c.ref} ${c.name}`}>
            {head}
            <tbody>
              <tr>
                <th scope="row">Capability {c.ref}</th>
                <ResultCells result={c.assessment} />
                <RecordCell href={recordLink?.('capabilities', c.id)} what={`capability ${c.ref}`} />
              </tr>
              {c.epics.map((e) => (
                <tr key={e.id}>
                  <th scope="row" className="font-normal">
                    {e.id} {e.name}
                    <span className="block text-ink-secondary">
                      {e.compliancy}
                      {e.claimed ? ', claimed' : ''}
                      {e.isActive ? '' : ', inactive'}
                    </span>
                  </th>
                  <ResultCells result={e.assessment} />
                  <RecordCell href={recordLink?.('epics', e.id)} what={`epic ${e.id}`} />
                </tr>
              ))}
            </tbody>
          </DataTable>
        </section>
      ))}
      <h2>Standards</h2>
      <DataTable id="standards-results" caption="Results for required standards">
        {head}
        <tbody>
          {assessment.standards.map((s) => (
            <tr key={s.id}>
              <th scope="row" className="font-normal">
                {s.id} {s.name}
                <span className="block text-ink-secondary">{s.type === 'Overarching' ? 'Overarching' : s.category}</span>
              </th>
              <ResultCells result={s.assessment} />
              <RecordCell href={recordLink?.('standards', s.id)} what={`standard ${s.id}`} />
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
