/**
 * Actions whose TD form is an HTTP(S) URL: the server POSTs `{id, action, input}` as JSON and takes
 * the response as the device's answer — 2xx is acknowledged (a body `{ "ok": false, "reason": … }`
 * refuses), any other status refuses with it. No redirects; bounded by the command timeout.
 */
import type { CommandRecord } from '../live.js';

export async function postCommand(url: string, cmd: CommandRecord, timeoutMs: number): Promise<{ ok: boolean; reason: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: cmd.id, action: cmd.action, input: cmd.input ?? null }),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError') throw e;
    return { ok: false, reason: `device unreachable: ${e.message}` };
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) return { ok: false, reason: `device answered HTTP ${res.status}${text ? `: ${text.slice(0, 120)}` : ''}` };
  try {
    const body = JSON.parse(text) as { ok?: unknown; reason?: unknown };
    if (body && body.ok === false) return { ok: false, reason: typeof body.reason === 'string' ? body.reason : 'refused by the device' };
  } catch {
    // A 2xx without a JSON body is an acknowledgement.
  }
  return { ok: true, reason: '' };
}
