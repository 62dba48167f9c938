/**
 * Which browser origins may use this server. The page's own origin always may; others only when
 * ALLOWED_ORIGINS names them. Colyseus allows any origin by default, which would let any web page
 * join spaces (and later operate machines) with a visitor's browser.
 */
export function isOriginAllowed(origin: string, host: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
