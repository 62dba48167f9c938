/**
 * `npm run bench`: runs every benchmark once with its defaults, one after the other (each prints its
 * own figures; record them in bench/RESULTS.md with the machine, date and command).
 * `npm run bench -- voice` runs only those whose file name matches.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const dir = import.meta.dirname;
const BENCHES: string[][] = [
  ['telemetry.ts', '--mode', 'all'],
  ['telemetry.ts', '--mode', 'property'],
  ['poses.ts'],
  ['leave.ts'],
  ['scene.ts'],
  ['bundle.ts'],
  ['voice.bench.ts'],
  ['history.ts'],
  ['anomaly.ts'],
  ['fuzz.ts'],
];

const filter = process.argv[2];
let failed = 0;
for (const [file, ...args] of BENCHES.filter(([f]) => !filter || f!.includes(filter))) {
  console.log(`\n=== ${file} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file!), ...args], { stdio: 'inherit', timeout: 20 * 60_000 });
  if (r.status !== 0) {
    failed++;
    console.error(`${file} failed (${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
