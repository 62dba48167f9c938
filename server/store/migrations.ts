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
  {
    // History (one row per series per minute, SPEC HS1), alarm events (HS6), and the two outcomes a
    // command gets when the server stops before the device answers (SPEC ST4).
    version: 2,
    sql: `
      ALTER TABLE twin_commands DROP CONSTRAINT IF EXISTS twin_commands_status_check;
      ALTER TABLE twin_commands ADD CONSTRAINT twin_commands_status_check
        CHECK (status IN ('pending', 'acknowledged', 'refused', 'timed_out', 'aborted', 'lost'));
      CREATE INDEX twin_commands_pending ON twin_commands (at) WHERE status = 'pending';
      CREATE TABLE twin_history (
        twin      text NOT NULL,
        property  text NOT NULL,
        minute    bigint NOT NULL,
        writer    integer NOT NULL,
        part      integer NOT NULL,
        n         integer NOT NULL,
        min       float8 NOT NULL,
        max       float8 NOT NULL,
        sum       float8 NOT NULL,
        first     float8 NOT NULL,
        last      float8 NOT NULL,
        first_ms  integer NOT NULL,
        last_ms   integer NOT NULL,
        true_ms   integer NOT NULL,
        span_ms   integer NOT NULL,
        samples   bytea NOT NULL,
        PRIMARY KEY (twin, property, minute, writer, part)
      );
      CREATE INDEX twin_history_minute ON twin_history (minute);
      CREATE TABLE alarm_events (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        twin        text NOT NULL,
        alarm       text NOT NULL,
        property    text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('raised', 'cleared', 'acknowledged')),
        severity    text NOT NULL,
        message     text NOT NULL,
        value       float8,
        by_session  text NOT NULL DEFAULT '',
        by_name     text NOT NULL DEFAULT '',
        at          timestamptz NOT NULL
      );
      CREATE INDEX alarm_events_twin_at ON alarm_events (twin, at);
    `,
  },
  {
    // What a restart must not lose (SPEC RS1–RS4): each space's chat and board, the lock of a space
    // with a host passcode, and every twin property's last value (shown stale until fresh data).
    version: 3,
    sql: `
      CREATE TABLE space_chat (
        space         text NOT NULL,
        id            bigint NOT NULL,
        at            bigint NOT NULL,
        kind          text NOT NULL,
        from_session  text NOT NULL,
        name          text NOT NULL,
        color         text NOT NULL,
        text          text NOT NULL,
        PRIMARY KEY (space, id)
      );
      CREATE TABLE board_strokes (
        space       text NOT NULL,
        id          bigint NOT NULL,
        by_session  text NOT NULL,
        color       text NOT NULL,
        width       float8 NOT NULL,
        points      jsonb NOT NULL,
        PRIMARY KEY (space, id)
      );
      CREATE TABLE space_meeting (
        space       text PRIMARY KEY,
        locked      boolean NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE twin_last_values (
        twin      text NOT NULL,
        property  text NOT NULL,
        value     jsonb NOT NULL,
        ts        bigint NOT NULL,
        PRIMARY KEY (twin, property)
      );
    `,
  },
  {
    // A machine's lifecycle notes (SPEC NT3) and the audit log of everything that changed a machine
    // or a space (AU1). The audit log is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, so not
    // even a bug in this server can rewrite what happened (AU4).
    version: 4,
    sql: `
      CREATE TABLE twin_notes (
        id          uuid PRIMARY KEY,
        twin        text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('maintenance', 'inspection', 'part_replaced', 'observation')),
        text        text NOT NULL,
        by_session  text NOT NULL,
        by_name     text NOT NULL,
        space       text NOT NULL,
        at          timestamptz NOT NULL
      );
      CREATE INDEX twin_notes_twin_at ON twin_notes (twin, at DESC);
      CREATE TABLE audit (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at             timestamptz NOT NULL,
        space          text NOT NULL,
        twin           text NOT NULL,
        kind           text NOT NULL,
        actor_session  text NOT NULL,
        actor_name     text NOT NULL,
        subject        text NOT NULL,
        detail         jsonb NOT NULL
      );
      CREATE INDEX audit_twin_id ON audit (twin, id);
      CREATE INDEX audit_space_id ON audit (space, id);
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
      $$;
      CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
    `,
  },
  {
    // Join tokens revoked before they expire (SPEC JT7): one token by its `jti`, or every token of a
    // space issued before `before`. Kept here so a revocation survives a restart and every process
    // sharing the database honours it; a row is useless (and deleted) once `until` has passed, since
    // no token it names can still be unexpired then.
    version: 5,
    sql: `
      CREATE TABLE token_revocations (
        id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        jti     text,
        space   text,
        before  bigint,
        at      bigint NOT NULL,
        until   bigint NOT NULL,
        by_name text NOT NULL,
        CHECK ((jti IS NULL) <> (space IS NULL))
      );
      CREATE INDEX token_revocations_until ON token_revocations (until);
    `,
  },
  {
    // When each space was last visited (SPEC RS8): the chat and board of a space nobody opened for
    // SPACE_RETENTION_DAYS are pruned. Spaces that already had saved rows count as visited now, so an
    // upgrade never prunes at once what people may still come back to.
    version: 6,
    sql: `
      CREATE TABLE space_visits (
        space       text PRIMARY KEY,
        last_visit  bigint NOT NULL
      );
      CREATE INDEX space_visits_last ON space_visits (last_visit);
      INSERT INTO space_visits (space, last_visit)
        SELECT space, (extract(epoch FROM now()) * 1000)::bigint FROM (
          SELECT space FROM space_chat UNION SELECT space FROM board_strokes
        ) saved;
    `,
  },
];

export const STORE_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
