-- Sync Monitor reference database, version 1.
-- Times are Unix epoch milliseconds (UTC); booleans are 0/1.

CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,
    sales_user_name       TEXT    NOT NULL,
    microsoft_email       TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    last_sync_status      TEXT    NOT NULL CHECK (last_sync_status IN
                              ('FAILED', 'NEVER_SYNCED', 'SUCCEEDED', 'IN_PROGRESS', 'SUSPENDED')),
    last_sync_start       INTEGER,
    last_sync_duration_ms INTEGER,
    sales_authorized      INTEGER NOT NULL CHECK (sales_authorized IN (0, 1)),
    microsoft_authorized  INTEGER NOT NULL CHECK (microsoft_authorized IN (0, 1)),
    using_next_gen        INTEGER NOT NULL CHECK (using_next_gen IN (0, 1)),
    sync_enabled          INTEGER NOT NULL CHECK (sync_enabled IN (0, 1)),
    active                INTEGER NOT NULL CHECK (active IN (0, 1)),
    debug_logs            INTEGER NOT NULL DEFAULT 0 CHECK (debug_logs IN (0, 1)),
    last_error_code       TEXT,
    last_error_message    TEXT,
    conflict_resolution   TEXT    NOT NULL DEFAULT 'SERVER_WINS' CHECK (conflict_resolution IN
                              ('SERVER_WINS', 'CLIENT_WINS', 'USER_SELECTED')),
    allow_user_override   INTEGER NOT NULL DEFAULT 0 CHECK (allow_user_override IN (0, 1)),
    version               INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX users_last_sync_status ON users (last_sync_status);
CREATE INDEX users_sync_enabled ON users (sync_enabled);

-- Exactly one row: the customer's application permission state.
CREATE TABLE application_permission (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    status            TEXT NOT NULL CHECK (status IN ('NOT_ENABLED', 'ACTIVE', 'INACTIVE')),
    error_code        TEXT,
    error_message     TEXT,
    error_detail      TEXT,
    error_occurred_at INTEGER
);

INSERT INTO application_permission (id, status) VALUES (1, 'NOT_ENABLED');

-- Facts about the database itself (e.g. how it was seeded).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
