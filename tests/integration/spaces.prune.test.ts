/**
 * Forgetting abandoned spaces (SPEC RS8) on both stores for real: a space's visits are recorded as
 * rooms open and close, and a prune round deletes the chat and board of spaces unvisited for longer
 * than the retention, in batches, never of a space this process holds, and leaves the host lock. The
 * clock of visits and rounds is the test's.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { pgClient } from '../../server/store/pgClient.js';
import { migrate } from '../../server/store/migrate.js';
import { MIGRATIONS } from '../../server/store/migrations.js';
import { SpaceMemory } from '../../server/meeting/memory.js';
import { storePersistence } from '../../server/meeting/spacePersistence.js';
import { DAY_MS, SpaceRetention } from '../../server/meeting/spaceRetention.js';
import { readSpace } from '../../server/store/meetingTables.js';
import { lastVisit } from '../../server/store/spaceVisitsTable.js';
import { Store } from '../../server/store/store.js';
import { forEachStore, withPostgresStore, type StoreEnv } from '../support/stores.js';

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

async function scenario(env: StoreEnv): Promise<void> {
  const store = Store.start({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, schema: env.DATABASE_SCHEMA ?? 'twinverse' }, log);
  try {
    await store.opened();
    let now = Date.UTC(2026, 0, 1);
    const clock = (): number => now;
    const memory = new SpaceMemory(500, storePersistence(store, clock), log);
    // A visit: a room opens the space, someone writes and draws, and (unless kept open) everyone leaves.
    const visit = async (space: string, leave = true): Promise<void> => {
      await memory.load(space);
      const r = memory.open(space);
      r.chat.append({ at: now, kind: 'chat', from: 's1', name: 'Ada', color: '#3366cc', text: `hello ${space}` });
      r.board.piece('s1', { key: 1, color: '#3366cc', width: 4, points: [10, 10, 20, 20], end: true });
      r.saveLock(true);
      if (leave) memory.release(space);
      await store.drained();
    };
    for (const space of ['old-1', 'old-2', 'old-3', 'kept-open', 'recent']) await visit(space, space !== 'kept-open');
    now += 10 * DAY_MS;
    await visit('recent');
    // 95 days after the first visits: old-* and kept-open are past a 90-day retention, recent is not.
    now += 85 * DAY_MS;
    const retention = new SpaceRetention(store, memory, { retentionDays: 90, everyMs: 3_600_000, batch: 2, now: clock }, log);
    expect(await retention.round()).toEqual(['old-1', 'old-2', 'old-3']);

    const saved = (space: string) => store.read((db) => readSpace(db, space, 100));
    for (const space of ['old-1', 'old-2', 'old-3']) {
      const s = await saved(space);
      expect(s.chat, space).toEqual([]);
      expect(s.strokes, space).toEqual([]);
      // The host lock is not meeting content: a space locked by its host stays locked.
      expect(s.locked, space).toBe(true);
      expect(await store.read((db) => lastVisit(db, space))).toBeNull();
    }
    for (const [space, visits] of [
      ['kept-open', 1],
      ['recent', 2],
    ] as const) {
      const s = await saved(space);
      expect(s.chat.map((l) => l.text)).toEqual(Array<string>(visits).fill(`hello ${space}`));
      expect(s.strokes).toHaveLength(visits);
    }
    // The round counted the open space as visited now: it will not be pruned while it stays open.
    expect(await store.read((db) => lastVisit(db, 'kept-open'))).toBe(now);

    // A space pruned and opened again starts empty, and its retention starts again.
    await visit('old-1');
    expect((await saved('old-1')).chat.map((l) => l.text)).toEqual(['hello old-1']);
    now += 81 * DAY_MS;
    expect(await retention.round()).toEqual(['recent']);
    expect((await saved('kept-open')).chat).toHaveLength(1);
  } finally {
    await store.close();
  }
}

describe('RS8: chat and board of spaces unvisited for SPACE_RETENTION_DAYS are pruned in batches, never an open one', () => {
  // PGlite creating a fresh data folder runs initdb in WebAssembly: the limit only catches a hang.
  forEachStore('tvprune', scenario, { postgres: 60_000, pglite: 300_000 });
});

describe('RS8: an upgrade counts spaces with saved chat or board as visited at the upgrade', () => {
  it(
    'migration 6 on a store of version 5',
    () =>
      withPostgresStore('tvvisits', async (env) => {
        const client = await pgClient(env.DATABASE_URL!, log);
        const db = { client, schema: `"${env.DATABASE_SCHEMA}"` };
        try {
          // The store as version 5 left it, with a chat line and a stroke of two spaces.
          await client.exec(
            `CREATE SCHEMA ${db.schema}; CREATE TABLE ${db.schema}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`,
          );
          for (const m of MIGRATIONS.filter((x) => x.version <= 5))
            await client.exec(
              `BEGIN; SET LOCAL search_path TO ${db.schema}; ${m.sql}; INSERT INTO ${db.schema}.schema_version (version) VALUES (${m.version}); COMMIT;`,
            );
          await client.query(`INSERT INTO ${db.schema}.space_chat VALUES ('talked', 1, 1, 'chat', 's', 'Ada', '#3366cc', 'hi')`);
          await client.query(`INSERT INTO ${db.schema}.board_strokes VALUES ('drawn', 1, 's', '#3366cc', 4, '[1,2]')`);
          const before = Date.now();
          await migrate(db);
          for (const space of ['talked', 'drawn']) expect(await lastVisit(db, space)).toBeGreaterThanOrEqual(before - 1000);
          expect(await lastVisit(db, 'never')).toBeNull();
        } finally {
          await client.close();
        }
      }),
    60_000,
  );
});
