import type { DataSource, EntityManager } from 'typeorm';

type Handler = (m: EntityManager, contractId: string, terminationDate: string) => Promise<void>;

// One handler per application (keyed by its DataSource), so several apps in one process (tests) stay apart.
const handlers = new WeakMap<DataSource, Handler>();

/** PaymentsService registers itself here at start-up. */
export function handleContractTermination(db: DataSource, handler: Handler): void {
  handlers.set(db, handler);
}

/**
 * Called by ContractsService.terminate() inside its transaction: a subscription paying for the
 * contract stops billing on the termination date. Ordering need not know about payments.
 */
export async function contractTerminated(m: EntityManager, contractId: string, terminationDate: string): Promise<void> {
  await handlers.get(m.connection)?.(m, contractId, terminationDate);
}
