/**
 * Publishing this device's camera to the server (SPEC CP2, CP4): a send-only RTCPeerConnection whose
 * offer (candidates included, gathering bounded) goes to `POST /api/video/:camera/publish` with the
 * operator's passcode or join token; the server's answer completes it. Stop tells the server
 * (`DELETE` on the same path) so the twin turns offline at once saying so, then closes the connection.
 */
import { candidatesGathered } from '../core/iceGathering.js';

export interface Credential {
  passcode?: string;
  token?: string;
}

/** A refusal the server named (`error`) with its words (`message`), or a failure of this browser. */
export class PublishError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

export type PublishState = 'connecting' | 'live' | 'failed' | 'closed';

export class Publisher {
  private pc: RTCPeerConnection | null = null;

  constructor(
    private readonly camera: string,
    private readonly credential: Credential,
    private readonly onState: (s: PublishState) => void,
  ) {}

  private url(what: 'publish' | 'position'): string {
    return `/api/video/${encodeURIComponent(this.camera)}/${what}`;
  }

  /** Sends `track` to the server; resolves once the server answered (the connection then comes up). */
  async start(track: MediaStreamTrack): Promise<void> {
    const pc = new RTCPeerConnection({ iceServers: [] });
    this.pc = pc;
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      const s = pc.connectionState;
      this.onState(s === 'connected' ? 'live' : s === 'failed' ? 'failed' : s === 'closed' ? 'closed' : 'connecting');
    };
    const transceiver = pc.addTransceiver(track, { direction: 'sendonly' });
    // The server takes VP8 only: offering it alone keeps the SDP short and the answer certain.
    const vp8 = RTCRtpSender.getCapabilities('video')?.codecs.filter((c) => c.mimeType.toLowerCase() === 'video/vp8') ?? [];
    if (vp8.length > 0) transceiver.setCodecPreferences(vp8);
    await pc.setLocalDescription(await pc.createOffer());
    await candidatesGathered(pc);
    const res = await this.send('POST', { sdp: pc.localDescription?.sdp ?? '' });
    const body = (await res.json().catch(() => ({}))) as { sdp?: unknown; error?: unknown; message?: unknown };
    if (!res.ok || typeof body.sdp !== 'string') {
      this.close();
      throw refusal(res.status, body);
    }
    if (this.pc !== pc) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: body.sdp });
  }

  /**
   * Where this device is (WGS84 degrees) and, when known, which way its camera faces (compass degrees):
   * the camera twin stands and turns there (SPEC CP6, CP7). Refusals are thrown.
   */
  async report(latitude: number, longitude: number, heading: number | null): Promise<void> {
    const res = await this.send('POST', heading === null ? { latitude, longitude } : { latitude, longitude, heading }, 'position');
    if (!res.ok) throw refusal(res.status, (await res.json().catch(() => ({}))) as { error?: unknown; message?: unknown });
  }

  /** Stops publishing: the server is told (the twin turns offline at once), the connection closes. */
  async stop(): Promise<void> {
    // The server first: closed first, the connection's end would reach it as "publisher gone".
    if (this.pc) await this.send('DELETE', {}).catch(() => undefined);
    this.close();
  }

  private close(): void {
    this.pc?.close();
    this.pc = null;
  }

  private send(
    method: 'POST' | 'DELETE',
    body: Record<string, string | number>,
    what: 'publish' | 'position' = 'publish',
  ): Promise<Response> {
    return fetch(this.url(what), {
      method,
      // A stop sent as the page closes still reaches the server.
      keepalive: method === 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...body, ...this.credential }),
    });
  }
}

function refusal(status: number, body: { error?: unknown; message?: unknown }): PublishError {
  const code = typeof body.error === 'string' ? body.error : `http_${status}`;
  const message = typeof body.message === 'string' ? body.message : `The server answered ${status}`;
  return new PublishError(code, message);
}
