import { cx } from '~/lib/cx';

const TONE: Record<string, string> = {
  published: 'border-go text-go-dark bg-white',
  accredited: 'border-go text-go-dark bg-white',
  approved: 'border-go text-go-dark bg-white',
  complete: 'border-go text-go-dark bg-white',
  submitted: 'border-brand text-brand-dark bg-white',
  conditional: 'border-brand text-brand-dark bg-warm-yellow',
  draft: 'border-ink-secondary text-ink bg-surface',
  incomplete: 'border-ink-secondary text-ink bg-warm-yellow',
  rejected: 'border-danger text-danger-dark bg-white',
  failed: 'border-danger text-danger-dark bg-white',
  lapsed: 'border-danger text-danger-dark bg-white',
  suspended: 'border-danger text-danger-dark bg-white',
  in_remediation: 'border-danger text-danger-dark bg-warm-yellow',
  unpublished: 'border-ink-secondary text-ink bg-surface',
};

/** A status in words, coloured by meaning (never by colour alone: the words say it). */
export function StatusTag({ status, children }: { status: string | null | undefined; children: React.ReactNode }) {
  return <strong className={cx('tag', TONE[status ?? ''] ?? 'border-ink-secondary text-ink bg-white')}>{children}</strong>;
}
