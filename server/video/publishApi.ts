/**
 * `POST /api/video/:camera/publish` and `DELETE` on the same path (SPEC CP2–CP4): a page's WebRTC offer
 * for a `publish` camera, answered by the camera's feed, and its "stop"; `POST …/position`, where the
 * phone is (CP6) and which way it faces (CP7). All carry the operator's
 * passcode or join token in the JSON body (never in the URL: URLs end up in logs). Each refusal is a
 * named error and one log line (publishAccess.ts logs the access refusals, this file the rest).
 */
import express, { type Request, type Response, type Router } from 'express';
import { HEADING, LATITUDE, LONGITUDE, positionValueProblem } from '../../shared/geo/position.js';
import type { Logger } from '../log.js';
import type { VideoHub } from './hub.js';
import type { PublishAccess, PublishCredential } from './publishAccess.js';
import { isPublishOffer } from './publisher.js';

export interface PublishApiDeps {
  hub: VideoHub;
  access: PublishAccess;
  /** Writes a reported position into the camera twin (the twin runtime's ingest, checked there: GS6). */
  ingest(camera: string, property: 'latitude' | 'longitude' | 'heading', value: number): { message: string } | null;
  log: Logger;
}

/** A twin id as layouts write it. */
const TWIN_ID = /^[a-z0-9][a-z0-9_-]{0,47}$/;
/** Largest offer a page sends, bytes (Chromium's are ~5 KB). */
const MAX_BODY_BYTES = 64 * 1024;

const text = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);

export function publishApi(d: PublishApiDeps): Router {
  const r = express.Router();
  const fail = (req: Request, res: Response, status: number, error: string, message: string) => {
    d.log.info({ camera: req.params.camera, status, error }, 'camera publish refused');
    res.status(status).json({ error, message });
  };

  /** The camera's feed and the checked credential, or a refusal already sent. */
  const admitted = async (req: Request, res: Response) => {
    const camera = String(req.params.camera);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!TWIN_ID.test(camera) || !d.hub.isCamera(camera)) return void fail(req, res, 404, 'unknown_camera', `No camera ${camera}`);
    const feed = d.hub.published(camera);
    if (!feed) {
      if (d.hub.feed(camera))
        return void fail(req, res, 409, 'not_published', `${camera} has its own source; only a "publish" camera takes a page's video`);
      return void fail(req, res, 503, 'video_off', 'Video is off on this server (VIDEO=off)');
    }
    if (!feed.running) return void fail(req, res, 409, 'camera_elsewhere', `Another server process serves ${camera}: publish to it`);
    const credential: PublishCredential = { passcode: text(body.passcode, 64), token: text(body.token, 2048) };
    const verdict = await d.access(camera, credential, req.socket.remoteAddress ?? 'unknown');
    if (!verdict.ok) {
      if (verdict.status === 401) res.set('WWW-Authenticate', 'Bearer realm="twinverse-camera"');
      return void res.status(verdict.status).json({ error: verdict.error, message: verdict.message });
    }
    return { camera, feed, body };
  };

  const json = express.json({ limit: MAX_BODY_BYTES, strict: true });
  r.post('/:camera/publish', json, async (req, res) => {
    const ok = await admitted(req, res);
    if (!ok) return;
    const sdp = text(ok.body.sdp, MAX_BODY_BYTES);
    if (!sdp || !isPublishOffer(sdp))
      return fail(
        req,
        res,
        400,
        'invalid_offer',
        'The body must be { "sdp": a WebRTC offer with video, ICE credentials and a DTLS fingerprint }',
      );
    // Checked again, of Redis, just before the publisher is taken: the process that owned the camera a
    // moment ago may have lost it while stalled, and only one process may take a publisher (CP8).
    if (!(await d.hub.servesNow(ok.camera)))
      return fail(req, res, 409, 'camera_elsewhere', `Another server process serves ${ok.camera}: publish to it`);
    try {
      const answer = await ok.feed.publish(sdp);
      d.log.info({ camera: ok.camera }, 'camera publisher connecting');
      res.json({ sdp: answer });
    } catch (err) {
      fail(req, res, 400, 'invalid_offer', `The offer cannot be applied: ${(err as Error).message.slice(0, 120)}`);
    }
  });
  // Where the phone is (SPEC CP6) and which way its camera faces (CP7): the camera twin stands and
  // turns there in spaces with a geo reference (GS5).
  r.post('/:camera/position', json, async (req, res) => {
    const ok = await admitted(req, res);
    if (!ok) return;
    const { latitude, longitude, heading } = ok.body;
    if (typeof latitude !== 'number' || typeof longitude !== 'number' || (heading !== undefined && typeof heading !== 'number'))
      return fail(
        req,
        res,
        400,
        'invalid_position',
        'The body must carry { "latitude", "longitude" } in WGS84 degrees, and may carry "heading" (compass degrees)',
      );
    // Every value is checked before any is written: half a report (a position with a broken heading)
    // would move the camera somewhere the phone did not say. The heading goes in first: a camera
    // that declares none refuses it before its position changes.
    const invalid =
      positionValueProblem(LATITUDE, latitude) ??
      positionValueProblem(LONGITUDE, longitude) ??
      (heading === undefined ? null : positionValueProblem(HEADING, heading));
    if (invalid) return fail(req, res, 400, 'invalid_position', invalid);
    const problem =
      (heading === undefined ? null : d.ingest(ok.camera, 'heading', heading)) ??
      d.ingest(ok.camera, 'latitude', latitude) ??
      d.ingest(ok.camera, 'longitude', longitude);
    if (problem) return fail(req, res, 400, 'invalid_position', problem.message);
    res.json(heading === undefined ? { latitude, longitude } : { latitude, longitude, heading });
  });
  r.delete('/:camera/publish', json, async (req, res) => {
    const ok = await admitted(req, res);
    if (!ok) return;
    res.json({ stopped: ok.feed.unpublish() });
  });
  return r;
}
