/**
 * The store's schema, as numbered migrations applied in order and recorded in `schema_version`. A
 * change to the persisted format is a new entry here, never an edit of an old one. Plain SQL that
 * PGlite and PostgreSQL both run.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE twin_commands (
        id          uuid PRIMARY KEY,
        twin        text NOT NULL,
        action      text NOT NULL,
        input       jsonb,
        by_session  text NOT NULL,
        by_name     text NOT NULL,
        space       text NOT NULL,
        status      text NOT NULL CHECK (status IN ('pending', 'acknowledged', 'refused', 'timed_out')),
        reason      text NOT NULL DEFAULT '',
        at          timestamptz NOT NULL,
        done_at     timestamptz
      );
      CREATE INDEX twin_commands_twin_at ON twin_commands (twin, at DESC);
    `,
  },
];

export const STORE_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
