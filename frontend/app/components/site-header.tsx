import { Form, Link, NavLink } from 'react-router';
import { cx } from '~/lib/cx';
import { ROLE_HOME, ROLE_NAME } from '~/lib/roles';
import type { RootUser } from '~/root';
import { CsrfInput } from './csrf-input';
import { NotificationsLink } from '~/routes/notifications/unread-link';

function navItems(user: RootUser | null | undefined): { to: string; label: string; end?: boolean }[] {
  if (!user) {
    return [
      { to: '/', label: 'Home', end: true },
      { to: '/solutions', label: 'Find solutions' },
      { to: '/capabilities', label: 'Capabilities' },
      { to: '/standards', label: 'Standards' },
      { to: '/frameworks', label: 'Frameworks' },
      { to: '/framework-rounds', label: 'For suppliers' },
    ];
  }
  const items = [{ to: ROLE_HOME[user.role], label: 'Home', end: true }];
  items.push({ to: '/solutions', label: 'Find solutions', end: false });
  if (user.role === 'practice_manager' || user.role === 'commissioner') items.push({ to: '/shortlists', label: 'Shortlists', end: false });
  if (user.role !== 'operator') {
    items.push({ to: '/orders', label: user.role === 'vendor' ? 'Orders received' : 'Orders', end: false });
    items.push({ to: '/contracts', label: 'Contracts', end: false });
  }
  if (user.role === 'practice_manager' || user.role === 'commissioner') items.push({ to: '/switching', label: 'Switch plans', end: false });
  if (user.role === 'practice_manager' || user.role === 'commissioner') items.push({ to: '/competitions', label: 'Competitions', end: false });
  if (user.role === 'commissioner' || user.role === 'operator') items.push({ to: '/register', label: 'Contract register', end: false });
  if (user.role === 'commissioner' || user.role === 'operator') items.push({ to: '/organisations', label: 'Organisations', end: false });
  if (user.role === 'operator') {
    items.push({ to: '/operator/moderation', label: 'Moderation', end: false });
    items.push({ to: '/operator/frameworks', label: 'Framework rounds', end: false });
    items.push({ to: '/operator/suppliers', label: 'Suppliers', end: false });
    items.push({ to: '/operator/audit', label: 'Audit log', end: false });
  }
  if (user.role === 'vendor') {
    items.push({ to: '/vendor/items', label: 'Catalogue items', end: false });
    items.push({ to: '/vendor/assessments', label: 'Accreditation', end: false });
    items.push({ to: '/vendor/applications', label: 'Framework applications', end: false });
    items.push({ to: '/vendor/supplier', label: 'Supplier profile', end: false });
  }
  items.push({ to: '/organisation', label: 'My organisation', end: true });
  items.push({ to: '/capabilities', label: 'Capabilities', end: false });
  return items;
}

export function SiteHeader({ user }: { user: RootUser | null | undefined }) {
  return (
    <header className="bg-brand text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-start justify-between gap-4 px-4 py-4 md:px-8">
        <Link
          to={user ? ROLE_HOME[user.role] : '/'}
          className="text-2xl font-bold text-white no-underline visited:text-white hover:text-white hover:underline"
        >
          GP IT Marketplace
        </Link>
        {user ? <UserPanel user={user} /> : (
          <Link to="/sign-in" className="font-semibold text-white visited:text-white hover:text-white">
            Sign in
          </Link>
        )}
      </div>
      <nav aria-label="Main" className="border-t border-white/30 bg-brand-dark">
        <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-6 px-4 md:px-8">
          {navItems(user).map((item) => (
            <li key={item.to}>
              <NavLink
                to={item.to}
                end={item.end}
                className={({ isActive }) =>
                  cx(
                    'inline-block py-3 text-white visited:text-white hover:text-white',
                    isActive ? 'font-bold underline decoration-4 underline-offset-8' : 'no-underline hover:underline',
                  )
                }
              >
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

function UserPanel({ user }: { user: RootUser }) {
  return (
    <div className="flex flex-col items-start gap-2 text-sm md:items-end md:text-right">
      <p className="m-0">
        <span className="sr-only">Signed in as </span>
        <strong>{user.name}</strong>
        <span aria-hidden="true"> · </span>
        <span className="sr-only">, </span>
        {ROLE_NAME[user.role]}
        {user.isAdmin ? ' (administrator)' : ''}
        <br />
        <span className="sr-only">acting for </span>
        {user.organisation.name} ({user.organisation.code})
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <NotificationsLink />
        {user.memberships.length > 1 ? <OrganisationSwitcher user={user} /> : null}
        <Form method="post" action="/sign-out">
          <CsrfInput />
          <button
            type="submit"
            className="cursor-pointer rounded border-2 border-white px-3 py-1 font-semibold text-white hover:bg-white hover:text-brand focus-visible:bg-focus focus-visible:text-ink"
          >
            Sign out
          </button>
        </Form>
      </div>
    </div>
  );
}

function OrganisationSwitcher({ user }: { user: RootUser }) {
  const current = user.memberships.find((m) => m.organisation.id === user.organisation.id);
  return (
    <Form method="post" action="/switch-organisation" className="flex flex-wrap items-center gap-2">
      <CsrfInput />
      <label htmlFor="switch-membership" className="font-semibold">
        Acting for
      </label>
      <select
        id="switch-membership"
        name="membershipId"
        defaultValue={current?.id}
        className="h-9 max-w-64 rounded-none border-2 border-ink bg-white px-1 text-ink"
      >
        {user.memberships.map((m) => (
          <option key={m.id} value={m.id}>
            {m.organisation.name} ({m.organisation.code}), {ROLE_NAME[m.role].toLowerCase()}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="cursor-pointer rounded border-2 border-white px-3 py-1 font-semibold text-white hover:bg-white hover:text-brand focus-visible:bg-focus focus-visible:text-ink"
      >
        Switch
      </button>
    </Form>
  );
}
