/**
 * The voice mesh's link protocol (SPEC V3) with fake links and an in-memory relay in place of the
 * server: who dials, wants on both sides, numbered links, stale messages, busy peers, timeouts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RelayedSignal, SignalMessage } from '../../../../shared/protocol/meeting.js';
import type { LinkEvents, LinkSignal } from '../../../../client/meeting/voice/peerLink.js';
import { VoiceMesh, type MeshLink } from '../../../../client/meeting/voice/voiceMesh.js';

class FakeLink implements MeshLink {
  state: RTCPeerConnectionState = 'new';
  readonly createdAt = performance.now();
  readonly got: LinkSignal[] = [];
  closed = false;
  constructor(
    readonly peer: string,
    readonly polite: boolean,
    readonly events: LinkEvents,
    readonly initiator: boolean,
  ) {
    if (initiator) queueMicrotask(() => events.signal({ kind: 'offer', sdp: `offer from ${peer}'s caller` }));
  }
  async receive(s: LinkSignal): Promise<void> {
    this.got.push(s);
    if (s.kind === 'offer') this.events.signal({ kind: 'answer', sdp: 'answer' });
    if (s.kind === 'offer' || s.kind === 'answer') this.state = 'connected';
  }
  setAudio(): void {}
  setVideo(): void {}
  close(): void {
    this.closed = true;
    this.state = 'closed';
  }
  async stats() {
    return { bytesSent: 0, bytesReceived: 0, audioLevelIn: null, packetsIn: 0 };
  }
}

interface Node {
  id: string;
  mesh: VoiceMesh;
  links: FakeLink[];
  sent: SignalMessage[];
  /** Drop outgoing signals while true (a lost message). */
  mute: boolean;
}

const welcome = { iceServers: [], iceTransportPolicy: 'all' as const, nearest: 8, maxLinks: 16 };

function network(ids: string[], opts: { maxLinks?: number; want?: (from: string, to: string) => boolean } = {}) {
  const nodes = new Map<string, Node>();
  for (const id of ids) {
    const node: Node = { id, links: [], sent: [], mute: false, mesh: null! };
    node.mesh = new VoiceMesh({
      selfId: () => id,
      send: (m) => {
        node.sent.push(m);
        if (node.mute) return;
        const { to, ...body } = m;
        const relayed = { ...body, from: id } as RelayedSignal;
        queueMicrotask(() => nodes.get(to)?.mesh.receive(relayed));
      },
      *peers() {
        // Someone I do not want is present but not a candidate (as if unreachable for my calls).
        for (const other of ids) if (other !== id) yield { id: other, connected: !opts.want || opts.want(id, other), distance: 1 };
      },
      pinned: () => new Set(),
      audio: () => null,
      screen: () => null,
      onAudio() {},
      onVideo() {},
      createLink: (peer, polite, _config, _local, events, initiator) => {
        const l = new FakeLink(peer, polite, events, initiator);
        node.links.push(l);
        return l;
      },
    });
    node.mesh.welcome({ ...welcome, maxLinks: opts.maxLinks ?? 16 });
    nodes.set(id, node);
  }
  return nodes;
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
const tick = async (nodes: Map<string, Node>, ms = 500) => {
  vi.advanceTimersByTime(ms);
  for (const n of nodes.values()) n.mesh.update(performance.now());
  await flush();
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance', 'Date'] });
});
afterEach(() => vi.useRealTimers());

describe('voice mesh links (SPEC V3)', () => {
  it('the smaller id calls, once, even when both want each other at the same moment', async () => {
    const nodes = network(['a', 'b']);
    await tick(nodes);
    await tick(nodes);
    const [a, b] = [nodes.get('a')!, nodes.get('b')!];
    expect(a.links.map((l) => l.initiator)).toEqual([true]);
    expect(b.links.map((l) => l.initiator)).toEqual([false]);
    expect(a.mesh.links()).toEqual([{ peer: 'b', state: 'connected', localWant: true, remoteWant: true, caller: true, link: 1 }]);
    expect(b.mesh.links()).toEqual([{ peer: 'a', state: 'connected', localWant: true, remoteWant: true, caller: false, link: 1 }]);
    // The callee never offers a new link of its own.
    expect(b.sent.filter((m) => m.kind === 'offer')).toEqual([]);
  });

  it('the caller dials when only the other side wants the link', async () => {
    const nodes = network(['a', 'b'], { want: (from) => from === 'b' });
    await tick(nodes);
    await tick(nodes);
    expect(nodes.get('a')!.mesh.links()[0]).toMatchObject({ state: 'connected', localWant: false, remoteWant: true });
  });

  it('a link neither side wants any more is closed on both sides', async () => {
    let wanted = true;
    const nodes = network(['a', 'b'], { want: () => wanted });
    await tick(nodes);
    await tick(nodes);
    wanted = false;
    await tick(nodes);
    await tick(nodes);
    expect(nodes.get('a')!.mesh.links()).toEqual([]);
    expect(nodes.get('b')!.mesh.links()).toEqual([]);
    expect(nodes.get('a')!.links[0]!.closed).toBe(true);
    expect(nodes.get('b')!.links[0]!.closed).toBe(true);
  });

  it('a link that never connects is given up and redialled with a new number; stale messages are dropped', async () => {
    const nodes = network(['a', 'b']);
    const [a, b] = [nodes.get('a')!, nodes.get('b')!];
    b.mute = true; // B's answer is lost
    await tick(nodes);
    await tick(nodes);
    expect(a.links[0]!.state).toBe('new');
    b.mute = false;
    await tick(nodes, 21_000); // connect timeout: A says bye and waits to redial
    await tick(nodes, 3_000);
    await tick(nodes);
    expect(a.links).toHaveLength(2);
    expect(a.mesh.links()[0]).toMatchObject({ state: 'connected', link: 2 });
    expect(b.mesh.links()[0]).toMatchObject({ state: 'connected', link: 2 });
    // A late bye about link 1 does not touch link 2.
    b.mesh.receive({ kind: 'bye', link: 1, from: 'a' });
    a.mesh.receive({ kind: 'answer', link: 1, sdp: 'old', from: 'b' });
    await flush();
    expect(b.mesh.links()[0]).toMatchObject({ state: 'connected', link: 2 });
    expect(a.links[1]!.got.filter((s) => s.kind === 'answer')).toHaveLength(1);
  });

  it('a callee at its limit says busy; the caller tries again 15 s later', async () => {
    const nodes = network(['a', 'b', 'c'], { maxLinks: 1 });
    await tick(nodes);
    await tick(nodes);
    const c = nodes.get('c')!;
    // C (the largest id) is called by A and B but holds one link only.
    expect(c.mesh.openLinks()).toHaveLength(1);
    expect(c.sent.some((m) => m.kind === 'bye' && m.busy)).toBe(true);
    const dialsBefore = nodes.get('b')!.links.length + nodes.get('a')!.links.length;
    await tick(nodes, 5_000);
    expect(nodes.get('b')!.links.length + nodes.get('a')!.links.length).toBe(dialsBefore);
    await tick(nodes, 11_000);
    expect(nodes.get('b')!.links.length + nodes.get('a')!.links.length).toBeGreaterThan(dialsBefore);
  });

  it('waits for the welcome before answering, then answers what came early', async () => {
    const relayed: SignalMessage[] = [];
    const late = new VoiceMesh({
      selfId: () => 'z',
      send: (m) => relayed.push(m),
      peers: () => [],
      pinned: () => new Set(),
      audio: () => null,
      screen: () => null,
      onAudio() {},
      onVideo() {},
      createLink: (peer, polite, _c, _l, events, initiator) => new FakeLink(peer, polite, events, initiator),
    });
    late.receive({ kind: 'offer', link: 3, sdp: 'early', from: 'a' });
    await flush();
    expect(relayed).toEqual([]);
    late.welcome(welcome);
    await flush();
    expect(relayed).toEqual([{ to: 'a', kind: 'answer', link: 3, sdp: 'answer' }]);
  });
});
