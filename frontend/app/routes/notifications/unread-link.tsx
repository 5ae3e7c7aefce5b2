import { useEffect } from 'react';
import { Link, useFetcher, useLocation } from 'react-router';

/**
 * "Notifications" in the site header with the number unread. The count is fetched after the page
 * loads (and again after each navigation or form post), so pages do not wait for it.
 */
export function NotificationsLink() {
  const fetcher = useFetcher<{ unread: number }>();
  const location = useLocation();
  const { load } = fetcher;
  useEffect(() => {
    load('/notifications/unread-count');
  }, [load, location.key]);
  const unread = fetcher.data?.unread ?? 0;
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
