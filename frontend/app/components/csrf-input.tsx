import { useRouteLoaderData } from 'react-router';
import type { RootData } from '~/root';

/** The hidden CSRF token every POST form carries (checked first in every action). */
export function CsrfInput() {
  const root = useRouteLoaderData<RootData>('root');
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ''} />;
}
