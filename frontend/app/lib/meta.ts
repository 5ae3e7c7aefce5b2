import { isRouteErrorResponse, type MetaDescriptor } from 'react-router';

export const SERVICE_NAME = 'GP IT Marketplace';

export function pageTitle(title: string): string {
  return `${title} – ${SERVICE_NAME}`;
}

export function errorTitle(error: unknown): string {
  if (isRouteErrorResponse(error)) {
    if (error.status === 403) return pageTitle('You do not have access to this page');
    if (error.status === 404) return pageTitle('Page not found');
    if (error.status === 503) return pageTitle('Sorry, the service is unavailable');
    if (error.status < 500) return pageTitle('There is a problem with your request');
  }
  return pageTitle('Sorry, there is a problem with the service');
}

/** A route's meta: its title, or the error page's when the route failed. */
export function titled(title: string) {
  return ({ error }: { error?: unknown }): MetaDescriptor[] => [{ title: error ? errorTitle(error) : pageTitle(title) }];
}
