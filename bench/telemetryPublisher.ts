/**
 * The device side of bench/telemetry.ts, in its own process so publishing does not delay the
 * measuring client: N twins × M values at R Hz for a bounded time, each carrying its publish time.
 * Prints `{"published": n, "seconds": s}` when done.
 *
 *   npx tsx bench/telemetryPublisher.ts <broker> <prefix> <twins> <props> <hz> <seconds> <all|property>
 */
import { connectAsync } from 'mqtt';

const [broker, prefix, n, m, hz, seconds, mode] = process.argv.slice(2);
const N = Number(n);
const M = Number(m);
const HZ = Number(hz);
const DURATION_MS = Math.min(Number(seconds), 180) * 1000;
const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const pub = await connectAsync(broker!, { reconnectPeriod: 0 });
  let published = 0;
  const tick = () => {
    const ts = now();
    for (let i = 0; i < N; i++) {
      if (mode === 'all') {
        const values: Record<string, number> = {};
        for (let j = 0; j < M; j++) values[`p${j}`] = Math.round(Math.random() * 100000) / 100;
        pub.publish(`${prefix}/tw${i}/properties`, JSON.stringify({ ts, values }));
      } else {
        for (let j = 0; j < M; j++)
          pub.publish(`${prefix}/tw${i}/properties/p${j}`, JSON.stringify({ value: Math.round(Math.random() * 100000) / 100, ts }));
      }
      published += M;
    }
  };
  // Fixed rate that catches up instead of drifting; stops by itself.
  const period = 1000 / HZ;
  const start = performance.now();
  let next = start;
  await new Promise<void>((resolve) => {
    const loop = () => {
      if (performance.now() - start >= DURATION_MS) return resolve();
      while (performance.now() >= next) {
        tick();
        next += period;
      }
      setTimeout(loop, Math.max(0, next - performance.now()));
    };
    loop();
  });
  await pub.endAsync();
  console.log(JSON.stringify({ published, seconds: (performance.now() - start) / 1000 }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
