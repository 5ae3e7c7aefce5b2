import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';

/**
 * "Notifications" in the site header with the number unread. The count is fetched after the page
 * loads (and again after each navigation or form post), so pages do not wait for it.
 *
 * A plain fetch rather than a fetcher: leaving the page while a fetcher's load is in flight made
 * React Router report the aborted request as an uncaught error (remix-run/react-router#14203).
 * Here the request is aborted when the page moves on, and a failed or aborted count keeps the last one.
 */
export function NotificationsLink() {
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/notifications/unread-count', { signal: controller.signal, headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : null))
      .then((body: { unread?: unknown } | null) => {
        if (typeof body?.unread === 'number') setUnread(body.unread);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [location.key]);
  return (
    <Link to="/notifications" className="font-semibold text-white visited:text-white hover:text-white" data-testid="notifications-link">
      Notifications
      {unread > 0 ? (
        <>
          {' '}
          <span className="inline-block min-w-6 rounded-full bg-white px-2 text-center text-brand-dark">{unread > 99 ? '99+' : unread}</span>
          <span className="sr-only"> unread</span>
        </>
      ) : null}
    </Link>
  );
}
