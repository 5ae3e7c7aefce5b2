import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from 'react-router';
import type { ErrorPayload } from '~/lib/api/problem';
import { ROLE_HOME } from '~/lib/roles';
import type { RootData } from '~/root';

/**
 * The one error page for every route: plain-English 403, 404 and 500 pages (and the other
 * statuses the API can send), with a reference to quote when something went wrong on our side.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<RootData>('root');
  const home = root?.user ? ROLE_HOME[root.user.role] : '/';

  let status = 500;
  let payload: ErrorPayload = {};
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (error.data && typeof error.data === 'object') payload = error.data as ErrorPayload;
  } else if (typeof window !== 'undefined') {
    console.error(error);
  }

  if (status === 403) {
    return (
      <ErrorPage title="You do not have access to this page">
        <p>{payload.message ?? 'Your account does not have permission to see this page.'}</p>
        <p>If you think you should have access, ask an administrator of your organisation.</p>
        <p>
          <Link to={home}>Go to your home page</Link>
        </p>
      </ErrorPage>
    );
  }
  if (status === 404) {
    return (
      <ErrorPage title="Page not found">
        <p>If you typed the web address, check it is correct.</p>
        <p>If you pasted the web address, check you copied the entire address.</p>
        <p>It may also be something you do not have access to from the organisation you are acting for.</p>
        <p>
          <Link to={home}>Go to your home page</Link>
        </p>
      </ErrorPage>
    );
  }
  if (status === 503) {
    return (
      <ErrorPage title="Sorry, the service is unavailable">
        <p>{payload.message ?? 'The service is not available at the moment.'}</p>
        <p>Try again in a few minutes. Nothing you entered has been saved.</p>
        <Reference id={payload.requestId} />
      </ErrorPage>
    );
  }
  if (status >= 400 && status < 500) {
    return (
      <ErrorPage title="There is a problem with your request">
        <p>{payload.message ?? 'The service could not handle that request.'}</p>
        <p>
          <Link to={home}>Go to your home page</Link>
        </p>
        <Reference id={payload.requestId} />
      </ErrorPage>
    );
  }
  return (
    <ErrorPage title="Sorry, there is a problem with the service">
      <p>Try again later. If you were filling in a form, your answers may not have been saved.</p>
      <p>If the problem continues, contact the marketplace service desk.</p>
      <Reference id={payload.requestId} />
    </ErrorPage>
  );
}

function ErrorPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="max-w-2xl">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

function Reference({ id }: { id?: string }) {
  if (!id) return null;
  return (
    <p className="text-ink-secondary">
      Reference: <span className="font-mono">{id}</span>
    </p>
  );
}
