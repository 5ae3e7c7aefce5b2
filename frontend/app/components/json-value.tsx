import { formatUnitPrice } from '~/lib/money';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** camelCase key → words: priceHundredthsOfPenny → "price". */
function keyLabel(key: string): string {
  if (key === 'priceHundredthsOfPenny') return 'price';
  return key.replace(/([A-Z])/g, ' $1').toLowerCase();
}

/**
 * Any listing value (text, a list, a price with tiers) shown readably: lists as lists, objects as
 * labelled rows, unit prices in pounds.
 */
export function JsonValue({ value, name }: { value: unknown; name?: string }) {
  if (value === null || value === undefined || value === '') return <span className="text-ink-secondary">None</span>;
  if (name === 'priceHundredthsOfPenny' && typeof value === 'number') return <>{formatUnitPrice(value)}</>;
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  if (typeof value === 'string' || typeof value === 'number') return <span className="whitespace-pre-line break-words">{String(value)}</span>;
  if (Array.isArray(value)) {
    if (!value.length) return <span className="text-ink-secondary">None</span>;
    return (
      <ul className="list-disc space-y-1 pl-5">
        {value.map((v, i) => (
          <li key={i}>
            <JsonValue value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (isPlainObject(value)) {
    return (
      <dl className="m-0">
        {Object.entries(value).map(([k, v]) => (
          <div key={k} className="mb-1">
            <dt className="inline font-semibold">{keyLabel(k)}: </dt>
            <dd className="inline">
              <JsonValue value={v} name={k} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}
