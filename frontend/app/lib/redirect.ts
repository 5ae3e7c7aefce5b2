/**
 * Where to go after signing in: only a path on this site (`/…`), never `//host` or `/\host`
 * (which browsers treat as another site), else the fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  // Control characters and backslashes can be read as a scheme or host by some browsers.
  if (/[\u0000-\u001f\\]/.test(to)) return fallback;
  try {
    const url = new URL(to, 'http://portal.invalid');
    if (url.origin !== 'http://portal.invalid') return fallback;
    if (url.pathname === '/sign-in' || url.pathname === '/sign-out') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
