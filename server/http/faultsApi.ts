/**
 * Faults of simulated machines over HTTP (SPEC AN3), so a demo or a test can start one:
 * `POST /api/twins/:id/faults { fault, severity?, rampSeconds? }` and `DELETE /api/twins/:id/faults`
 * behind the ingest token, `GET /api/twins/:id/faults` for what the machine can suffer and what is
 * active. A request becomes the machine's `injectFault` / `clearFault` command, so it is checked,
 * forwarded and recorded like one from the panel (by "HTTP API") and everyone sees it.
 */
import express, { type Response, type Router } from 'express';
import type { Logger } from '../log.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { InvokeResult } from '../twins/requests.js';
import { CLEAR_FAULT, FAULT_INFO, INJECT_FAULT } from '../twins/simulator/faults.js';
import { authorise, rateLimit } from './twinsApi.js';

export interface FaultsApiDeps {
  runtime: TwinRuntime;
  ingestToken: string | undefined;
  /** Requests per second per client address (the ingest limit). */
  ingestRate: number;
  log: Logger;
}

/** Who a fault started over HTTP is recorded as. */
export const HTTP_ACTOR = { session: 'http', name: 'HTTP API', space: '' } as const;

const fail = (res: Response, status: number, error: string, message: string) => res.status(status).json({ error, message });

export function faultsApi(d: FaultsApiDeps): Router {
  const r = express.Router();

  /** The simulated machine, or an answer saying why there is none. */
  const machine = (id: string, res: Response) => {
    const twin = d.runtime.get(id);
    if (!twin) return void fail(res, 404, 'unknown_twin', `No twin "${id}"`);
    const faults = d.runtime.simulatedFaults(id);
    if (!faults)
      return void fail(
        res,
        409,
        'not_simulated',
        `${id} is fed by ${twin.source}, not the built-in simulator: only simulated machines take faults`,
      );
    return faults;
  };

  const answer = (res: Response, id: string, result: InvokeResult) => {
    if (result.ok) return res.status(202).json({ command: result.command.id, status: result.command.status });
    if (result.code === 'twin.unknown_action' || result.code === 'twin.unbound_action')
      return fail(res, 409, 'no_fault_action', `${id}'s definition has no ${INJECT_FAULT}/${CLEAR_FAULT} action the simulator answers`);
    if (result.code === 'twin.busy') return fail(res, 429, 'busy', `${id} has too many commands waiting (${result.detail ?? ''})`);
    if (result.code === 'twin.owner_unreachable')
      return fail(res, 503, 'owner_unreachable', `the server process that runs ${id} did not answer; try again`);
    return fail(res, 400, 'invalid_fault', result.detail ?? result.code);
  };

  r.get('/:id/faults', (req, res) => {
    const faults = machine(req.params.id, res);
    if (!faults) return;
    res.json({
      supported: faults.supported.map((f) => ({ fault: f, description: FAULT_INFO[f].title, rampSeconds: FAULT_INFO[f].rampS })),
      active: faults.active.map((f) => ({ fault: f.fault, severity: f.severity, rampSeconds: f.rampS, by: f.by })),
    });
  });

  r.post('/:id/faults', rateLimit(d.ingestRate), authorise(d.ingestToken), express.json({ limit: 1024, strict: false }), (req, res) => {
    const id = String(req.params.id);
    const faults = machine(id, res);
    if (!faults) return;
    const body = req.body as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { fault?: unknown }).fault !== 'string')
      return fail(res, 400, 'invalid_body', 'The body must be { "fault": name, "severity"?: 0–1, "rampSeconds"?: s }');
    const b = body as { fault: string; severity?: unknown; rampSeconds?: unknown };
    if (!(faults.supported as readonly string[]).includes(b.fault))
      return fail(res, 400, 'unknown_fault', `${id} cannot suffer "${b.fault.slice(0, 40)}"; it can: ${faults.supported.join(', ')}`);
    if (b.severity !== undefined && !(typeof b.severity === 'number' && b.severity > 0 && b.severity <= 1))
      return fail(res, 400, 'invalid_fault', 'severity must be a number more than 0 and at most 1');
    if (b.rampSeconds !== undefined && !(typeof b.rampSeconds === 'number' && b.rampSeconds >= 0 && b.rampSeconds <= 86_400))
      return fail(res, 400, 'invalid_fault', 'rampSeconds must be a number from 0 to 86400');
    const input = {
      fault: b.fault,
      ...(b.severity !== undefined ? { severity: b.severity } : {}),
      ...(b.rampSeconds !== undefined ? { rampSeconds: b.rampSeconds } : {}),
    };
    void d.runtime.request(id, INJECT_FAULT, input, HTTP_ACTOR).then((r) => answer(res, id, r));
  });

  r.delete('/:id/faults', rateLimit(d.ingestRate), authorise(d.ingestToken), (req, res) => {
    const id = String(req.params.id);
    if (!machine(id, res)) return;
    void d.runtime.request(id, CLEAR_FAULT, undefined, HTTP_ACTOR).then((r) => answer(res, id, r));
  });

  r.use((err: Error & { type?: string }, _req: express.Request, res: Response, next: express.NextFunction) => {
    if (err.type === 'entity.too.large') return fail(res, 413, 'too_large', 'The body is larger than 1024 bytes');
    if (err.type === 'entity.parse.failed') return fail(res, 400, 'invalid_json', `The body is not valid JSON: ${err.message}`);
    next(err);
  });
  return r;
}
