import { DataTable } from '~/components/data-table';
import { StatusTag } from '~/components/status-tag';
import { accreditationName } from '~/lib/catalogue';
import { formatNumber } from '~/lib/format';
import { CRITERIA_NAME, ELEMENT_NAME, PRIORITY_NAME, Row, wholeTerm, type CompetitionDetail } from './competition';

/** Everything the buyer decided, as "check your answers" rows; change links only while a draft. */
export function CompetitionAnswers({ competition: c, editable }: { competition: CompetitionDetail; editable: boolean }) {
  const base = `/competitions/${c.id}`;
  const change = (step: string) => (editable ? `${base}/${step}` : null);
  const included = c.solutions.filter((s) => s.included === true);
  const excluded = c.solutions.filter((s) => s.included === false);
  const weights = c.criteria.weights as Record<string, number>;
  return (
    <>
      <h2>Competition details</h2>
      <dl className="summary-list max-w-4xl">
        <Row label="Name" change={change('name')}>
          {c.name}
        </Row>
        <Row label="Started from shortlist">{c.shortlist ? c.shortlist.name : 'The shortlist has since been deleted'}</Row>
        <Row label="Solutions included" change={change('solutions')}>
          {included.length ? included.map((s) => `${s.name} (${s.supplierName})`).join('; ') : 'None yet'}
        </Row>
        <Row label="Solutions left out" change={change('solutions')} changeLabel="solutions left out">
          {excluded.length ? (
            <ul className="mb-0 list-none p-0">
              {excluded.map((s) => (
                <li key={s.itemId}>
                  <strong>{s.name}</strong>: {s.exclusionReason}
                </li>
              ))}
            </ul>
          ) : (
            'None'
          )}
        </Row>
        <Row label="Service recipients" change={change('recipients')}>
          {c.recipients.length
            ? c.recipients
                .map((r) => `${r.name} (${r.odsCode}${r.registeredPatients != null ? `, ${formatNumber(r.registeredPatients)} patients` : ''})`)
                .join('; ')
            : 'None yet'}
        </Row>
        <Row label="Framework" change={change('term')}>
          {c.framework ? `${c.framework.name} (${c.framework.id})` : 'Not chosen'}
        </Row>
        <Row label="Contract length" change={change('term')}>
          {c.termMonths != null ? `${c.termMonths} months` : 'Not entered'}
        </Row>
        <Row label="Award criteria" change={change('criteria')}>
          {c.criteria.type ? CRITERIA_NAME[c.criteria.type] : 'Not chosen'}
          {c.criteria.type === 'price_and_non_price' ? (
            <>
              {`: price ${c.criteria.priceWeight ?? 0}%, non-price ${100 - (c.criteria.priceWeight ?? 0)}%`}
              <br />
              {c.elements.map((e) => `${ELEMENT_NAME[e] ?? e} ${weights[e] ?? 0}%`).join(', ')} of the non-price share
            </>
          ) : null}
        </Row>
        {c.criteria.type === 'price_and_non_price' ? (
          <Row label="Requirements" change={change('requirements')}>
            {c.requirements.features.length ? (
              <ul className="mb-0 list-none p-0">
                {c.requirements.features.map((f, i) => (
                  <li key={i}>
                    <strong>{PRIORITY_NAME[f.priority] ?? f.priority}</strong>: {f.text}
                  </li>
                ))}
              </ul>
            ) : (
              'No feature requirements'
            )}
            {c.requirements.integrationTypes.length ? <span className="block">Integration types: {c.requirements.integrationTypes.join(', ')}</span> : null}
          </Row>
        ) : null}
      </dl>

      <DataTable id="compared-prices" caption="The price compared for each included solution">
        <thead>
          <tr>
            <th scope="col">Solution</th>
            <th scope="col">Accreditation</th>
            <th scope="col">Price compared</th>
            <th scope="col" className="text-right">
              Whole-term cost
            </th>
          </tr>
        </thead>
        <tbody>
          {included.map((s) => {
            const price = s.prices.find((p) => p.id === s.priceId);
            return (
              <tr key={s.itemId}>
                <td>
                  <strong>{s.name}</strong>
                  <br />
                  <span className="text-ink-secondary">{s.supplierName}</span>
                </td>
                <td>
                  <StatusTag status={s.accreditationStatus}>{accreditationName(s.accreditationStatus)}</StatusTag>
                </td>
                <td>
                  {price ? price.display : <span className="text-ink-secondary">Not chosen</span>}
                  {s.quantity != null ? `, quantity ${formatNumber(s.quantity)}` : ''}
                </td>
                <td className="text-right">{wholeTerm(s.wholeTermPence)}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </>
  );
}

/** Every non-price score with its justification, solution by solution (the results keep them all). */
export function ScoresAndJustifications({ competition: c }: { competition: CompetitionDetail }) {
  if (!c.elements.length) return null;
  const included = c.solutions.filter((s) => s.included === true);
  return (
    <section aria-labelledby="justifications-heading" className="mb-8">
      <h2 id="justifications-heading">Scores and justifications</h2>
      {included.map((s) => (
        <div key={s.itemId} className="mb-6">
          <h3 className="text-lg">{s.name}</h3>
          <DataTable id={`justifications-${s.itemId}`} caption={`Scores and justifications for ${s.name}`}>
            <thead>
              <tr>
                <th scope="col">Element</th>
                <th scope="col" className="text-right">
                  Score (1–5)
                </th>
                <th scope="col">Justification</th>
              </tr>
            </thead>
            <tbody>
              {c.elements.map((e) => {
                const score = c.scores.find((x) => x.itemId === s.itemId && x.element === e);
                return (
                  <tr key={e}>
                    <th scope="row" className="text-left font-normal">
                      {ELEMENT_NAME[e] ?? e}
                    </th>
                    <td className="text-right">{score ? score.score : <span className="text-ink-secondary">Not scored</span>}</td>
                    <td>{score?.justification ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        </div>
      ))}
    </section>
  );
}
