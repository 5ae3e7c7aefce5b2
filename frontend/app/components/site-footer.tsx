import { Link } from 'react-router';

export function SiteFooter({ devMailbox }: { devMailbox: boolean | undefined }) {
  return (
    <footer className="mt-12 border-t-4 border-brand bg-white">
      <div className="mx-auto max-w-6xl px-4 py-8 text-ink-secondary md:px-8">
        <h2 className="sr-only">Support links</h2>
        <ul className="mb-4 flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <a href="/api/docs">API documentation</a>
          </li>
          {devMailbox ? (
            <li>
              <Link to="/dev/mailbox">Development mailbox</Link>
            </li>
          ) : null}
        </ul>
        <p className="m-0 text-sm">
          GP IT Marketplace helps GP practices and commissioners compare, buy and switch accredited GP IT systems.
        </p>
      </div>
    </footer>
  );
}
