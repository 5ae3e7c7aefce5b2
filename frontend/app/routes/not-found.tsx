import { data } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { titled } from '~/lib/meta';

export const meta = titled('Page not found');

// Any address no other route matches: the standard 404 page, with a real 404 status.
export function loader() {
  throw data(null, { status: 404 });
}

export function action() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
