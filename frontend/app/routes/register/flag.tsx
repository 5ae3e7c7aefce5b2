import { StatusTag } from '~/components/status-tag';
import { formatDate } from '~/lib/format';

/** The enforcement flag on a contract whose solution is Lapsed or Failed (product.md §4). */
export function EnforcementFlag({ flag }: { flag: { status: 'lapsed' | 'failed'; reason: string | null; since: string | null } | null | undefined }) {
  if (!flag) return null;
  const label = flag.status === 'lapsed' ? 'Lapsed' : 'Failed';
  return (
    <span className="block" data-testid="enforcement-flag">
      <StatusTag status={flag.status}>
        {label}
        {flag.since ? ` since ${formatDate(flag.since)}` : ''}
      </StatusTag>
      {flag.reason ? <span className="mt-1 block text-ink-secondary">{flag.reason}</span> : null}
    </span>
  );
}
