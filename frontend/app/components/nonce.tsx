import { createContext, useContext } from 'react';

/**
 * The per-request Content-Security-Policy nonce for inline scripts. Set on the server only; in the
 * browser it reads as empty, which matches what the DOM exposes (browsers hide nonce attributes).
 */
const NonceContext = createContext('');

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
