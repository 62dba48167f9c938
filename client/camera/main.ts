/**
 * The camera page, `/camera?twin=cam-3` (SPEC CP5): a phone or laptop publishes its camera into the
 * space as the camera twin's picture. The operator passcode is typed here (or a join token comes in
 * the link, `#token=…`); the preview shows what is sent; Publish and Stop; the status says in words
 * what is happening. Its own entry: the 3D client is not loaded here.
 */
import { PUBLISH_SOURCE } from '../../shared/twin/camera.js';
import { compassHeading, type OrientationReading } from './heading.js';
import { PublishError, Publisher, type Credential, type PublishState } from './publish.js';

type PageState = 'idle' | 'camera' | 'connecting' | 'live' | 'stopped' | 'error';

const TWIN_ID = /^[a-z0-9][a-z0-9_-]{0,47}$/;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const els = {
  title: $<HTMLHeadingElement>('title'),
  preview: $<HTMLVideoElement>('preview'),
  badge: $<HTMLSpanElement>('live-badge'),
  form: $<HTMLFormElement>('publish-form'),
  passcodeLabel: $<HTMLLabelElement>('passcode-label'),
  passcode: $<HTMLInputElement>('passcode'),
  publish: $<HTMLButtonElement>('publish'),
  stop: $<HTMLButtonElement>('stop'),
  status: $<HTMLParagraphElement>('status'),
  sharePosition: $<HTMLInputElement>('share-position'),
  position: $<HTMLParagraphElement>('position'),
};

/** Positions are sent at most this often, ms (a phone reports several a second while walking). */
const POSITION_EVERY_MS = 2000;
/** A turn smaller than this is not worth a report of its own, degrees (a compass wavers by a few). */
const HEADING_STEP_DEG = 5;

const query = new URLSearchParams(location.search);
const twin = query.get('twin') ?? '';
const fragmentToken = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? query.get('token');
const token = fragmentToken && fragmentToken.length <= 2048 ? fragmentToken : undefined;

let stream: MediaStream | null = null;
let publisher: Publisher | null = null;
let watchId: number | null = null;
let lastSentAt = -Infinity;
/** The latest position and compass heading (null: none yet), and the heading last sent. */
let where: { latitude: number; longitude: number; accuracy: number } | null = null;
let heading: number | null = null;
let sentHeading: number | null = null;
/** A report held back by the 2 s limit, sent when it ends. */
let pending: ReturnType<typeof setTimeout> | null = null;

function show(state: PageState, words: string): void {
  els.status.dataset.state = state;
  els.status.textContent = words;
  els.badge.hidden = state !== 'live';
  const busy = state === 'camera' || state === 'connecting' || state === 'live';
  els.publish.disabled = busy || !TWIN_ID.test(twin);
  els.stop.disabled = !busy;
  els.passcode.disabled = busy;
}

/** The camera twin's name, and whether it takes a published picture (its TD says `publish`). */
async function describeTwin(): Promise<void> {
  if (!TWIN_ID.test(twin)) {
    show('error', 'No camera named in the link: open this page as /camera?twin=<camera id>.');
    return;
  }
  els.title.textContent = twin;
  const res = await fetch(`/api/twins/${twin}/td`).catch(() => null);
  if (!res?.ok) {
    show('error', res?.status === 404 ? `There is no camera ${twin} on this server.` : 'The server cannot be reached.');
    return;
  }
  const td = (await res.json()) as { title?: unknown; 'tv:camera'?: { source?: unknown } };
  if (typeof td.title === 'string') els.title.textContent = td.title;
  document.title = `${els.title.textContent} · Twinverse camera`;
  if (td['tv:camera']?.source !== PUBLISH_SOURCE) {
    show('error', `${twin} has its own video source: it does not take a picture from this page.`);
    return;
  }
  show(
    'idle',
    token ? 'Not publishing. Press Publish to send this camera.' : 'Not publishing. Enter the operator passcode and press Publish.',
  );
}

/** Words for why the browser gave no camera. */
function cameraProblem(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError') return "The camera was not allowed: allow it in the browser's site settings, then press Publish again.";
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'This device has no camera this page can use.';
  if (name === 'NotReadableError') return 'The camera is busy in another app: close it there, then press Publish again.';
  return `The camera could not be opened (${name || (err as Error).message}).`;
}

/** A compass reading came (SPEC CP7): a turn worth telling is reported with the latest position. */
function onOrientation(e: Event): void {
  const h = compassHeading(e as DeviceOrientationEvent as OrientationReading);
  if (h === null) return;
  heading = h;
  const turned = sentHeading === null || Math.abs(((h - sentHeading + 540) % 360) - 180) >= HEADING_STEP_DEG;
  if (turned) report();
}

/**
 * Sends the latest position and heading, at most every 2 s; one that comes sooner waits for the end
 * of the 2 s (a phone turning on the spot gives no new position, and its last turn must still arrive).
 */
function report(): void {
  if (!where || !publisher || pending !== null) return;
  const wait = lastSentAt + POSITION_EVERY_MS - performance.now();
  if (wait > 0) {
    pending = setTimeout(() => {
      pending = null;
      report();
    }, wait);
    return;
  }
  lastSentAt = performance.now();
  const { latitude, longitude, accuracy } = where;
  const facing = heading;
  sentHeading = facing;
  publisher.report(latitude, longitude, facing).then(
    () =>
      (els.position.textContent =
        `Position shared (within ${Math.round(accuracy)} m)` + (facing === null ? '.' : `, facing ${Math.round(facing)}°.`)),
    (err: unknown) => (els.position.textContent = `Position not taken: ${(err as Error).message}`),
  );
}

/**
 * While live and allowed (the box, then the browser's own question), where this device is goes to the
 * server (SPEC CP6), with the way its camera faces where the device has a compass (CP7): the camera
 * twin stands and turns there in spaces placed on Earth.
 */
function followPosition(): void {
  const on = els.sharePosition.checked && publisher !== null && els.status.dataset.state === 'live';
  if (!on) {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
    window.removeEventListener('deviceorientationabsolute', onOrientation);
    window.removeEventListener('deviceorientation', onOrientation);
    if (pending !== null) clearTimeout(pending);
    pending = null;
    where = null;
    heading = sentHeading = null;
    els.position.textContent = els.sharePosition.checked ? 'The position is shared while live.' : '';
    return;
  }
  if (watchId !== null) return;
  if (!('geolocation' in navigator)) {
    els.position.textContent = 'This browser cannot tell where it is.';
    return;
  }
  // Android's Chrome says where north is in its own event; iOS adds webkitCompassHeading to the plain
  // one. A plain event with neither gives no heading (compassHeading), and the twin keeps its turn.
  window.addEventListener('deviceorientationabsolute', onOrientation);
  window.addEventListener('deviceorientation', onOrientation);
  els.position.textContent = 'Asking where this device is…';
  watchId = navigator.geolocation.watchPosition(
    (pos) => {
      const { latitude, longitude, accuracy } = pos.coords;
      where = { latitude, longitude, accuracy };
      report();
    },
    (err) => {
      els.position.textContent =
        err.code === err.PERMISSION_DENIED
          ? 'Position not allowed: the camera stays where the space places it.'
          : 'Position unknown for now.';
    },
    { enableHighAccuracy: true, maximumAge: 5000 },
  );
}

function onLinkState(s: PublishState): void {
  if (s === 'live') {
    show('live', 'Live: people in the space see this camera on its screen.');
    followPosition();
  } else if (s === 'connecting') show('connecting', 'Connecting to the server…');
  else if (s === 'failed') {
    void stopPublishing();
    show('error', 'The connection to the server was lost. Press Publish to start again.');
  }
}

async function startPublishing(): Promise<void> {
  const credential: Credential = token ? { token } : { passcode: els.passcode.value };
  if (!navigator.mediaDevices?.getUserMedia) {
    show('error', 'The camera needs a secure page: open this page over https (or on localhost).');
    return;
  }
  show('camera', 'Asking for the camera…');
  try {
    stream ??= await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment', width: { ideal: 640 }, height: { ideal: 480 } },
      audio: false,
    });
  } catch (err) {
    show('error', cameraProblem(err));
    return;
  }
  els.preview.srcObject = stream;
  void els.preview.play().catch(() => undefined);
  show('connecting', 'Connecting to the server…');
  const p = new Publisher(twin, credential, onLinkState);
  publisher = p;
  try {
    await p.start(stream.getVideoTracks()[0]!);
  } catch (err) {
    if (publisher === p) publisher = null;
    const words = err instanceof PublishError ? err.message : `Publishing failed (${(err as Error).message}).`;
    show('error', words);
    console.warn('camera publish refused', err instanceof PublishError ? err.code : err);
  }
}

async function stopPublishing(): Promise<void> {
  const p = publisher;
  publisher = null;
  followPosition();
  await p?.stop();
  for (const t of stream?.getTracks() ?? []) t.stop();
  stream = null;
  els.preview.srcObject = null;
}

if (token) els.passcodeLabel.hidden = true;
if (token) els.passcode.required = false;
els.form.addEventListener('submit', (e) => {
  e.preventDefault();
  void startPublishing();
});
els.sharePosition.addEventListener('change', () => {
  // iOS asks before it gives the compass, and only from a user gesture: ticking the box is one.
  const ask = (DeviceOrientationEvent as unknown as { requestPermission?: () => Promise<string> }).requestPermission;
  if (els.sharePosition.checked && typeof ask === 'function') void ask.call(DeviceOrientationEvent).catch(() => undefined);
  followPosition();
});
els.stop.addEventListener('click', () => {
  void stopPublishing().then(() => show('stopped', 'Stopped: the camera shows offline in the space.'));
});
// Leaving the page ends the connection; the server notices within seconds and shows the camera offline.
window.addEventListener('pagehide', () => publisher?.stop());
show('idle', 'Loading…');
void describeTwin();
