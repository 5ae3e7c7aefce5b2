import { Link } from 'react-router';
import { formatNumber } from '~/lib/format';

/** Page numbers to show: the first, the last and two either side of the current one. */
function pageWindow(page: number, pages: number): Array<number | 'gap'> {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: Array<number | 'gap'> = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push('gap');
    out.push(p);
  });
  return out;
}

/**
 * Previous / numbered / next links that keep the current filters. Plain links, so paging works
 * without JavaScript and each page has its own address.
 */
export function Pagination({
  page,
  pageSize,
  total,
  search,
  label = 'Pagination',
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The current query string, whose other parameters are kept. */
  search: string;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    if (p === 1) params.delete('page');
    else params.set('page', String(p));
    const qs = params.toString();
    return qs ? `?${qs}` : '?';
  };
  const linkClass = 'inline-block min-w-10 px-3 py-2 text-center';
  return (
    <nav aria-label={label} className="my-6">
      <ul className="flex flex-wrap items-center gap-1">
        {page > 1 ? (
          <li>
            <Link className={linkClass} to={href(page - 1)} rel="prev">
              Previous<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pages).map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} className="px-2" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <a className={`${linkClass} bg-brand font-bold text-white visited:text-white no-underline`} href={href(p)} aria-current="page">
                  <span className="sr-only">Page </span>
                  {p}
                </a>
              ) : (
                <Link className={linkClass} to={href(p)}>
                  <span className="sr-only">Page </span>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <Link className={linkClass} to={href(page + 1)} rel="next">
              Next<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function ResultCount({ page, pageSize, total, noun }: { page: number; pageSize: number; total: number; noun: [string, string] }) {
  if (total === 0) return <p>No {noun[1]} found.</p>;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const fmt = formatNumber;
  return (
    <p role="status">
      Showing <strong>{fmt(first)}</strong> to <strong>{fmt(last)}</strong> of <strong>{fmt(total)}</strong>{' '}
      {total === 1 ? noun[0] : noun[1]}
    </p>
  );
}
