import { api, attempt, ok, throwProblem } from './api/client.server';
import type { SessionView } from './api/types';
import type { ListingContent, VendorItemDetail } from './catalogue';

export async function loadVendorItem(request: Request, id: string): Promise<VendorItemDetail> {
  return ok(request, api(request).GET('/api/vendor/items/{id}', { params: { path: { id } } }));
}

/** What the vendor edits: the open draft, or the live listing when there is none. */
export function editableContent(item: VendorItemDetail): ListingContent {
  const content = item.draft?.content ?? item.liveContent;
  if (!content) throw new Error(`Item ${item.id} has no content`);
  return content;
}

/**
 * Saves the whole listing as the open draft. Field problems come back for the form to show; the
 * rest (403, 404, 5xx) go to the error page.
 */
export async function saveDraft(request: Request, session: SessionView, id: string, content: ListingContent) {
  const result = await attempt(
    api(request, { csrfToken: session.csrfToken }).PUT('/api/vendor/items/{id}/draft', { params: { path: { id } }, body: content }),
  );
  if (!result.ok && (result.problem.status >= 500 || result.problem.status === 403 || result.problem.status === 404 || result.problem.status === 401)) {
    throwProblem(request, result.problem);
  }
  return result;
}
