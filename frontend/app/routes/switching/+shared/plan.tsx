import { StatusTag } from '~/components/status-tag';
import type { components } from '~/lib/api/schema';

type Schemas = components['schemas'];
export type PlanDetail = Schemas['PlanDetail'];
export type SystemView = Schemas['SystemView'];
export type CurrentSystem = Schemas['CurrentSystemView'];

export const PLAN_STATUS_NAME: Record<string, string> = { planned: 'Planned', in_progress: 'In progress', completed: 'Completed' };
export const STEP_STATUS_NAME: Record<string, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' };
export const ACCREDITATION_NAME: Record<string, string> = { accredited: 'Accredited', conditional: 'Conditional', lapsed: 'Lapsed', failed: 'Failed' };

export function PlanStatusTag({ status }: { status: string }) {
  const tone = status === 'completed' ? 'complete' : status === 'in_progress' ? 'submitted' : 'draft';
  return <StatusTag status={tone}>{PLAN_STATUS_NAME[status] ?? status}</StatusTag>;
}

export function AccreditationTag({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="text-ink-secondary">Not assessed</span>;
  return <StatusTag status={status}>{ACCREDITATION_NAME[status] ?? status}</StatusTag>;
}

/** Where the current system comes from, in words. */
export function currentSourceText(current: CurrentSystem): string {
  if (current.source === 'contract') return 'Your practice’s contract on the marketplace';
  if (current.source === 'ods') return `NHS Organisation Data Service (ODS): your clinical system supplier is ${current.odsSupplier}`;
  return current.odsSupplier
    ? `ODS names ${current.odsSupplier} as your clinical system supplier, but it has no GP clinical system on the marketplace`
    : 'Not known: there is no contract here and ODS records no clinical system supplier';
}

export function IntegrationList({ integrations }: { integrations: string[] }) {
  if (!integrations.length) return <span className="text-ink-secondary">None listed</span>;
  return (
    <ul className="m-0 list-none p-0">
      {integrations.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
}
