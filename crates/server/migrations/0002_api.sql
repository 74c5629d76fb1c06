-- Version 2: everything the full API needs.

ALTER TABLE users ADD COLUMN full_sync_requested INTEGER NOT NULL DEFAULT 0
    CHECK (full_sync_requested IN (0, 1));

-- One index per filter and per sort column; `id` breaks ties so paging is stable.
CREATE INDEX users_sales_user_name ON users (sales_user_name COLLATE NOCASE, id);
CREATE INDEX users_microsoft_email ON users (microsoft_email COLLATE NOCASE, id);
CREATE INDEX users_last_sync_start ON users (last_sync_start, id);
CREATE INDEX users_last_sync_duration ON users (last_sync_duration_ms, id);
CREATE INDEX users_status_id ON users (last_sync_status, id);
CREATE INDEX users_sales_authorized ON users (sales_authorized, id);
CREATE INDEX users_microsoft_authorized ON users (microsoft_authorized, id);
CREATE INDEX users_using_next_gen ON users (using_next_gen, id);
CREATE INDEX users_sync_enabled_id ON users (sync_enabled, id);

-- Substring search over name and e-mail that stays fast at 100k users.
CREATE VIRTUAL TABLE users_fts USING fts5(
    sales_user_name, microsoft_email,
    content = 'users', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO users_fts (rowid, sales_user_name, microsoft_email)
    SELECT id, sales_user_name, microsoft_email FROM users;
CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_fts (rowid, sales_user_name, microsoft_email)
    VALUES (new.id, new.sales_user_name, new.microsoft_email);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, sales_user_name, microsoft_email)
    VALUES ('delete', old.id, old.sales_user_name, old.microsoft_email);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF sales_user_name, microsoft_email ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, sales_user_name, microsoft_email)
    VALUES ('delete', old.id, old.sales_user_name, old.microsoft_email);
    INSERT INTO users_fts (rowid, sales_user_name, microsoft_email)
    VALUES (new.id, new.sales_user_name, new.microsoft_email);
END;

-- Sync history; deleted with its user.
CREATE TABLE transactions (
    transaction_number      INTEGER PRIMARY KEY,
    user_id                 INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    result                  TEXT    NOT NULL CHECK (result IN
                                ('SUCCEEDED', 'FAILED', 'SUCCEEDED_WITH_CONFLICTS')),
    sync_start              INTEGER NOT NULL,
    sync_end                INTEGER NOT NULL,
    microsoft365_changes    INTEGER NOT NULL,
    microsoft365_duration_ms INTEGER NOT NULL,
    sales_changes           INTEGER NOT NULL,
    sales_duration_ms       INTEGER NOT NULL,
    conflicts               INTEGER NOT NULL,
    using_next_gen          INTEGER NOT NULL CHECK (using_next_gen IN (0, 1)),
    error_code              TEXT,
    error_message           TEXT
);
CREATE INDEX transactions_user_start ON transactions (user_id, sync_start);

-- The scheduled processes behind the sync.
CREATE TABLE sync_jobs (
    name        TEXT PRIMARY KEY CHECK (name IN ('INSTANT_SYNC', 'STANDARD_SYNC', 'TOKEN_REFRESH')),
    last_run    INTEGER,
    next_run    INTEGER,
    last_result TEXT CHECK (last_result IN ('SUCCEEDED', 'FAILED'))
);
INSERT INTO sync_jobs (name) VALUES ('INSTANT_SYNC'), ('STANDARD_SYNC'), ('TOKEN_REFRESH');

-- Answers of POST /users/actions by Idempotency-Key, kept at least 24 h.
CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    request      TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    response     TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
