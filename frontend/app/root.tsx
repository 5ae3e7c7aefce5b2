import { useEffect, useRef } from 'react';
import { data, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/root';
import { GeneralErrorBoundary } from './components/error-boundary';
import { useNonce } from './components/nonce';
import { SiteFooter } from './components/site-footer';
import { SiteHeader } from './components/site-header';
import { issueCsrfToken } from './lib/csrf.server';
import { devMailboxAvailable } from './lib/dev-mailbox.server';
import { errorTitle } from './lib/meta';
import { getSession } from './lib/session.server';
import stylesheet from './styles/app.css?url';

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: Route.MetaFunction = ({ error }) => (error ? [{ title: errorTitle(error) }] : []);

export async function loader({ request, context }: Route.LoaderArgs) {
  const [session, devMailbox] = await Promise.all([getSession(request, context), devMailboxAvailable(request)]);
  const csrf = issueCsrfToken(request);
  // The API's own CSRF token stays on the server: the browser only ever talks to our actions.
  const user = session
    ? {
        name: session.user.name,
        email: session.user.email,
        role: session.role,
        isAdmin: session.isAdmin,
        organisation: session.organisation,
        memberships: session.memberships,
      }
    : null;
  return data({ user, csrfToken: csrf.token, devMailbox }, csrf.setCookie ? { headers: { 'Set-Cookie': csrf.setCookie } } : undefined);
}

export type RootData = typeof loader;
export type RootUser = NonNullable<Awaited<ReturnType<typeof loader>>['data']['user']>;

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<RootData>('root');
  const nonce = useNonce();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main-content"
          className="sr-only-focusable block bg-focus px-4 py-3 font-semibold text-ink underline visited:text-ink"
        >
          Skip to main content
        </a>
        <SiteHeader user={root?.user} />
        <div className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 md:px-8 md:py-10">
          <main id="main-content" tabIndex={-1} className="focus:outline-none focus-visible:outline-none">
            {children}
          </main>
        </div>
        <SiteFooter devMailbox={root?.devMailbox} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** After a client-side navigation, move focus to the new page's content, as a full page load would. */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main-content')?.focus({ preventScroll: true });
  }, [pathname]);
}

export default function App() {
  useFocusMainOnNavigation();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
