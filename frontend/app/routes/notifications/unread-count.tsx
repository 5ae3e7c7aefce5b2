import { data } from 'react-router';
import { api } from '~/lib/api/client.server';
import { getSession } from '~/lib/session.server';
import type { Route } from './+types/unread-count';

/** Resource route for the site header: how many unread notifications the signed-in user has. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await getSession(request, context);
  if (!session) return data({ unread: 0 }, { headers: { 'Cache-Control': 'no-store' } });
  const res = await api(request).GET('/api/notifications/unread-count');
  return data({ unread: res.data?.unread ?? 0 }, { headers: { 'Cache-Control': 'no-store' } });
}
