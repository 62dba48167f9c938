/**
 * A voice bot for bench/voice.bench.ts (test builds only): the meeting's real voice mesh — selection,
 * links, perfect negotiation, signalling through the server — without the 3D client, so one small
 * machine can hold enough participants to show the nearest-K limit. It joins `?space=`, stands at
 * `?x=&z=` (protocol frame, metres), talks with Chromium's fake microphone and plays what it hears
 * into muted media elements. `window.voiceBot` reports links and getStats() byte totals.
 */
import { joinOptions } from '../../shared/protocol/messages.js';
import { createPose, encodePose, PoseFlag } from '../../shared/protocol/pose.js';
import { restPose } from '../../shared/space/spawn.js';
import { AvatarStore } from '../avatars/store.js';
import { SpaceConnection } from '../net/connection.js';
import { MeetingNet } from '../meeting/sync.js';
import { VoiceMesh, type LinkInfo } from '../meeting/voice/voiceMesh.js';

declare global {
  interface Window {
    voiceBot?: { ready: boolean; links(): LinkInfo[]; bytes(): Promise<{ sent: number; received: number; links: number }> };
  }
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const x = Number(q.get('x') ?? 0);
  const z = Number(q.get('z') ?? 0);
  const store = new AvatarStore();
  const connection = new SpaceConnection(location.origin, store);
  await connection.join(joinOptions({ space: q.get('space') ?? 'bench', name: q.get('name') ?? 'Bot', color: '#888888', mode: 'desktop' }));
  const pose = restPose(createPose(), x, z, 0);
  pose.flags = PoseFlag.TELEPORT;
  connection.sendPose(encodePose(pose));

  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  const track = stream.getAudioTracks()[0]!;
  const sinks = new Map<string, HTMLAudioElement>();
  const net = new MeetingNet(connection);
  const mesh = new VoiceMesh({
    selfId: () => store.selfId,
    send: (m) => connection.send('rtc.signal', m),
    *peers() {
      for (const a of store.others()) {
        const p = a.poses.latest();
        yield { id: a.id, connected: a.rtc, distance: p ? Math.hypot(p.head.px - x, p.head.pz - z) : null };
      }
    },
    pinned: () => new Set(),
    audio: () => ({ track, stream }),
    screen: () => null,
    onAudio(id, s) {
      sinks.get(id)?.pause();
      sinks.delete(id);
      if (!s) return;
      const el = new Audio();
      el.muted = true;
      el.srcObject = s;
      void el.play().catch(() => undefined);
      sinks.set(id, el);
    },
    onVideo() {},
  });
  net.on('meeting.welcome', (w) => mesh.welcome(w));
  net.on('rtc.signal', (s) => mesh.receive(s));
  connection.onStatus((s) => {
    if (s.state !== 'connected') return;
    connection.send('meeting.hello', {});
    connection.send('meeting.voice', { mic: true, muted: false });
  });
  setInterval(() => mesh.update(performance.now()), 250);
  window.voiceBot = {
    ready: true,
    links: () => mesh.links(),
    async bytes() {
      let sent = 0;
      let received = 0;
      const links = mesh.openLinks();
      for (const l of links) {
        const s = await l.stats();
        sent += s.bytesSent;
        received += s.bytesReceived;
      }
      return { sent, received, links: links.length };
    },
  };
  document.getElementById('status')!.textContent = `in ${q.get('space')} at ${x}, ${z}`;
}

main().catch((err: unknown) => {
  document.getElementById('status')!.textContent = `failed: ${(err as Error).message}`;
  console.error(err);
});
