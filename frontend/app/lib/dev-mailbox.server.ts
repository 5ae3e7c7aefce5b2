import { api } from './api/client.server';

// The API decides (it answers 404 in production); the answer only changes when the API restarts.
const RECHECK_MS = 5 * 60_000;
let known: { available: boolean; at: number } | undefined;

/** Whether the API's development mailbox is switched on, for the footer link. Never throws. */
export async function devMailboxAvailable(request: Request): Promise<boolean> {
  if (known && Date.now() - known.at < RECHECK_MS) return known.available;
  try {
    const { response } = await api(request).GET('/api/dev/mailbox', { params: { query: { pageSize: 1 } } });
    if (response.ok || response.status === 404) known = { available: response.ok, at: Date.now() };
    return response.ok;
  } catch {
    return false;
  }
}
