/**
 * `POST /api/tokens/revoke` (SPEC JT7): an operator of the deployment withdraws join tokens before
 * they expire — `{ "jti": "…" }` one token, `{ "space": "…" }` every token of that space issued until
 * now. Behind `ADMIN_TOKEN` (`Authorization: Bearer …`); off (403) while it is not set. The answer
 * says what was revoked and until when the revocation matters; it counts at once in this process
 * and in every other once the store has it (`stored: "queued"` while the store is away).
 */
import express, { type Response, type Router } from 'express';
import type { Logger } from '../log.js';
import { secretMatches } from '../secrets.js';
import type { Store } from '../store/store.js';
import type { TokenRevocations } from '../security/revocations.js';

export interface RevocationsApiDeps {
  revocations: TokenRevocations | null;
  adminToken: string | undefined;
  store: Store;
  log: Logger;
}

const fail = (res: Response, status: number, error: string, message: string) => res.status(status).json({ error, message });
/** What a `jti` or a space name may be: printable, bounded. */
const NAME = /^[\x21-\x7e]{1,200}$/;

export function revocationsApi(d: RevocationsApiDeps): Router {
  const r = express.Router();
  r.post('/revoke', express.json({ limit: 1024, strict: false }), (req, res) => {
    if (!d.adminToken) return fail(res, 403, 'admin_disabled', 'Revoking tokens is off on this server: set ADMIN_TOKEN to enable it');
    const m = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '');
    if (!secretMatches(d.adminToken, m?.[1])) {
      res.set('WWW-Authenticate', 'Bearer realm="twinverse-admin"');
      return fail(res, 401, 'unauthorized', m ? 'The admin token is wrong' : 'Send the admin token as "Authorization: Bearer <token>"');
    }
    if (!d.revocations) return fail(res, 409, 'tokens_disabled', 'This server takes no join tokens (JOIN_SECRET / JOIN_PUBLIC_KEY unset)');
    const body = req.body as { jti?: unknown; space?: unknown } | null;
    const jti = typeof body?.jti === 'string' && NAME.test(body.jti) ? body.jti : undefined;
    const space = typeof body?.space === 'string' && NAME.test(body.space) ? body.space : undefined;
    if ((jti === undefined) === (space === undefined))
      return fail(res, 400, 'invalid_body', 'The body must be { "jti": token id } or { "space": space name } (1–200 printable characters)');
    const done = d.revocations.revoke(jti !== undefined ? { jti } : { space: space! }, 'admin API');
    d.log.info({ jti, space }, 'join tokens revoked');
    res.json({
      revoked: jti !== undefined ? { jti } : { space },
      at: done.at,
      until: done.until,
      stored: d.store.state === 'ready' ? 'ok' : 'queued',
    });
  });
  return r;
}
