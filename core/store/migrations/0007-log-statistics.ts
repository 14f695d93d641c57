// v7: mail-log statistics — where lines come from (log sources) and how far each reader got,
// the events worth keeping one by one (rejections, accepted messages), rollups per minute, hour
// and day, greylisting episodes, false-positive evidence and the admin's marks, and the lease
// that lets one process at a time follow the servers' logs. (Version 5 is the push pipeline's, 6 the cloud senders'.)
// The high-volume tables carry no foreign keys: a check per inserted row would cost ingest
// speed, and a source's rows are deleted explicitly with it.
// Runtime: Node.

import type { Migration } from './migration';

export const migration0007: Migration = {
  version: 7,
  name: 'log statistics: sources, positions, events, rollups, greylisting, evidence',
  up(db) {
    db.exec(`
      CREATE TABLE log_sources (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        server_id  INTEGER UNIQUE REFERENCES servers (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE log_positions (
        source_id  INTEGER NOT NULL REFERENCES log_sources (id) ON DELETE CASCADE,
        stream     TEXT NOT NULL,
        position   TEXT NOT NULL CHECK (json_valid(position)),
        state      TEXT CHECK (state IS NULL OR json_valid(state)),
        revision   INTEGER NOT NULL DEFAULT 0,
        lines      INTEGER NOT NULL DEFAULT 0,
        unknown    INTEGER NOT NULL DEFAULT 0,
        last_time  INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (source_id, stream)
      ) STRICT;

      CREATE TABLE tail_settings (
        server_id INTEGER PRIMARY KEY REFERENCES servers (id) ON DELETE CASCADE,
        enabled   INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE tail_lease (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        owner        TEXT NOT NULL,
        pid          INTEGER NOT NULL,
        hostname     TEXT NOT NULL,
        heartbeat_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE stats_events (
        id            INTEGER PRIMARY KEY,
        source_id     INTEGER NOT NULL,
        time          INTEGER NOT NULL,
        metric        TEXT NOT NULL,
        reason        TEXT NOT NULL,
        rule          TEXT NOT NULL,
        client        TEXT,
        client_name   TEXT,
        helo          TEXT,
        sender        TEXT,
        sender_domain TEXT,
        recipient     TEXT
      ) STRICT;
      CREATE INDEX stats_events_time ON stats_events (time);
      CREATE INDEX stats_events_client ON stats_events (client, time);
      CREATE INDEX stats_events_sender_domain ON stats_events (sender_domain)
        WHERE sender_domain IS NOT NULL;

      CREATE TABLE stats_rollups (
        span      INTEGER NOT NULL,
        bucket    INTEGER NOT NULL,
        source_id INTEGER NOT NULL,
        metric    TEXT NOT NULL,
        reason    TEXT NOT NULL,
        rule      TEXT NOT NULL,
        count     INTEGER NOT NULL,
        PRIMARY KEY (span, bucket, source_id, metric, reason, rule)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE stats_greylist (
        id              INTEGER PRIMARY KEY,
        source_id       INTEGER NOT NULL,
        triplet         TEXT NOT NULL,
        first_at        INTEGER NOT NULL,
        last_at         INTEGER NOT NULL,
        policy_attempts INTEGER NOT NULL,
        smtpd_attempts  INTEGER NOT NULL,
        passed_at       INTEGER,
        delay_s         INTEGER,
        client          TEXT NOT NULL,
        client_name     TEXT,
        sender          TEXT NOT NULL,
        sender_domain   TEXT,
        recipient       TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX stats_greylist_open ON stats_greylist (source_id, triplet)
        WHERE passed_at IS NULL;
      CREATE INDEX stats_greylist_first ON stats_greylist (first_at);
      CREATE INDEX stats_greylist_client ON stats_greylist (client);
      CREATE INDEX stats_greylist_sender_domain ON stats_greylist (sender_domain)
        WHERE sender_domain IS NOT NULL;

      CREATE TABLE stats_meta (
        key   TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
      INSERT INTO stats_meta (key, value) VALUES ('revision', 0);

      CREATE TABLE fp_evidence (
        client        TEXT NOT NULL,
        sender_domain TEXT NOT NULL,
        computed_at   INTEGER NOT NULL,
        score         INTEGER NOT NULL,
        likely        INTEGER NOT NULL,
        evidence      TEXT NOT NULL CHECK (json_valid(evidence)),
        PRIMARY KEY (client, sender_domain)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE fp_marks (
        id            INTEGER PRIMARY KEY,
        client        TEXT NOT NULL DEFAULT '',
        sender_domain TEXT NOT NULL DEFAULT '',
        wanted        INTEGER NOT NULL,
        note          TEXT NOT NULL DEFAULT '',
        actor         TEXT NOT NULL,
        marked_at     INTEGER NOT NULL,
        UNIQUE (client, sender_domain)
      ) STRICT;
    `);
  },
};
