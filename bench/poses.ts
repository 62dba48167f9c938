/**
 * Pose fan-out: N people in one space each sending a moving pose at 30 Hz through the real server
 * (a separate process) for a fixed time. Prints the server's CPU use, what one client uploads and
 * downloads, and the average patch size — the figures behind the budgets in ARCHITECTURE.md.
 *
 *   npx tsx bench/poses.ts [people=32] [seconds=10]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { Client, type Room } from 'colyseus.js';
import { joinOptions } from '../shared/protocol/messages.js';
import { ROOM_NAME } from '../shared/protocol/version.js';
import { createPose, encodePose, POSE_BYTES, PoseFlag } from '../shared/protocol/pose.js';
import { restPose } from '../shared/space/spawn.js';

const N = Number(process.argv[2] ?? 32);
const SECONDS = Number(process.argv[3] ?? 10);
const PORT = 20000 + Math.floor(Math.random() * 20000);

function cpuSeconds(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, clock ticks (100 Hz)
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  const endpoint = `ws://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/health`);
      break;
    } catch {
      if (i > 100) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const rooms: Room[] = [];
  for (let i = 0; i < N; i++)
    rooms.push(
      await new Client(endpoint).joinOrCreate(ROOM_NAME, joinOptions({ space: 'bench-poses', name: `Bot ${i}`, color: '#2e86de' })),
    );
  // Count what the first client receives on its socket.
  let bytesDown = 0;
  let messages = 0;
  const ws = (rooms[0]!.connection as unknown as { transport: { ws: { on(e: string, cb: (d: Buffer) => void): void } } }).transport.ws;
  ws.on('message', (d: Buffer) => {
    bytesDown += d.byteLength;
    messages++;
  });
  const pose = createPose();
  const buf = new Uint8Array(POSE_BYTES);
  const start = performance.now();
  const cpu0 = cpuSeconds(server.pid!);
  let sent = 0;
  let first = true;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const t = (performance.now() - start) / 1000;
      if (t > SECONDS) {
        clearInterval(timer);
        resolve();
        return;
      }
      rooms.forEach((room, i) => {
        // Everyone walks slowly round their own circle (1 m/s) and turns their head.
        const a = t + i;
        restPose(pose, 8 * Math.cos((2 * Math.PI * i) / N) + Math.cos(a), 6 * Math.sin((2 * Math.PI * i) / N) + Math.sin(a), a);
        pose.flags = first ? PoseFlag.TELEPORT : 0;
        room.sendBytes('pose', encodePose(pose, buf));
        sent++;
      });
      first = false;
    }, 1000 / 30);
  });
  const wall = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(server.pid!) - cpu0;
  console.log(
    `poses: ${N} people × 30 Hz for ${wall.toFixed(1)} s on ${os.cpus().length}× ${os.cpus()[0]?.model.trim()} (${new Date().toISOString()})`,
  );
  console.log(
    `server CPU: ${((cpu / wall) * 100).toFixed(1)} % of one core (${((cpu / (sent || 1)) * 1e6).toFixed(1)} µs per pose received)`,
  );
  console.log(
    `per client: up ${((30 * (POSE_BYTES + 8)) / 1024).toFixed(2)} KB/s (62-byte poses + framing), down ${(bytesDown / wall / 1024).toFixed(1)} KB/s`,
  );
  console.log(
    `patches: ${(messages / wall).toFixed(1)} /s, ${(bytesDown / (messages || 1)).toFixed(0)} B average, ${(bytesDown / (messages || 1) / N).toFixed(1)} B per avatar`,
  );
  await Promise.all(rooms.map((r) => r.leave()));
} finally {
  server.kill('SIGTERM');
}
