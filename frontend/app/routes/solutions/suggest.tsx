import { SUGGEST_MIN_CHARS, type Suggestion } from '~/components/suggest-box';
import { api, attempt } from '~/lib/api/client.server';
import type { Route } from './+types/suggest';

/**
 * Type-ahead for the search box (a resource route: data only, no page). Answers with the text it
 * was asked about, so the box can ignore an answer that arrives after more typing. It never fails
 * loudly: the search form works without it.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100);
  const headers = { 'Cache-Control': 'private, max-age=60' };
  if (q.length < SUGGEST_MIN_CHARS) return Response.json({ q, suggestions: [] as Suggestion[] }, { headers });
  const result = await attempt(api(request).GET('/api/catalogue/suggest', { params: { query: { q, type: 'solution' } } }));
  const suggestions: Suggestion[] = result.ok ? result.data.map(({ id, name, supplierName }) => ({ id, name, supplierName })) : [];
  return Response.json({ q, suggestions }, { headers });
}
