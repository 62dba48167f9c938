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

/**
 * Whether a request's `Host` names this server (SPEC HD4). DNS rebinding points an attacker's host
 * name at this server's address, so the browser treats the attacker's page as same-origin: the Host
 * header is then the attacker's name. IP literals and `localhost` cannot be rebound; any other name
 * must be configured (ALLOWED_HOSTS, or the host of PUBLIC_ADDRESS or of an ALLOWED_ORIGINS entry).
 */
export function isHostAllowed(host: string | undefined, allowedHosts: readonly string[]): boolean {
  if (host === undefined || host === '') return false;
  if (allowedHosts.includes('*')) return true;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[')) return true;
  return allowedHosts.some((h) => h.toLowerCase() === hostname);
}

/** The host names a configuration names: ALLOWED_HOSTS plus the hosts of PUBLIC_ADDRESS and ALLOWED_ORIGINS. */
export function configuredHosts(allowedHosts: readonly string[], publicAddress: string | undefined, origins: readonly string[]): string[] {
  const hosts = [...allowedHosts];
  for (const o of [...(publicAddress ? [`http://${publicAddress}`] : []), ...origins]) {
    try {
      hosts.push(new URL(o).hostname.toLowerCase());
    } catch {
      /* "*" or not a URL: names no host */
    }
  }
  return hosts;
}
