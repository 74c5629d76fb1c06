-- Version 6: what the sales application's sync engine knows beyond a
-- user's last status (Oracle Sales tables ZPS_USERS, ZPS_SYNC_USAGES,
-- ZPS_SYNC_ERRORS).

-- ZPS_USERS: when each side's token expires (after it the user must sign
-- in to the add-in again; NULL when the user never signed in on that
-- side); whether the latest Standard Sync run picked the user up; and how
-- many record-level sync errors are outstanding (kept by the triggers
-- below).
ALTER TABLE users ADD COLUMN microsoft_token_expires_at INTEGER;
ALTER TABLE users ADD COLUMN sales_token_expires_at INTEGER;
ALTER TABLE users ADD COLUMN included_in_latest_sync INTEGER NOT NULL DEFAULT 0
    CHECK (included_in_latest_sync IN (0, 1));
ALTER TABLE users ADD COLUMN outstanding_sync_errors INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_microsoft_token_expires ON users (microsoft_token_expires_at);
CREATE INDEX users_sales_token_expires ON users (sales_token_expires_at);
CREATE INDEX users_included_in_latest_sync ON users (included_in_latest_sync, id);
CREATE INDEX users_outstanding_sync_errors ON users (outstanding_sync_errors)
    WHERE outstanding_sync_errors > 0;

-- ZPS_SYNC_USAGES: records processed (the `*_changes` columns) and failed
-- per side, and the up-sync (Microsoft 365 to sales) and down-sync (sales
-- to Microsoft 365) durations.
ALTER TABLE transactions ADD COLUMN microsoft365_failed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transactions ADD COLUMN sales_failed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transactions ADD COLUMN up_sync_duration_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transactions ADD COLUMN down_sync_duration_ms INTEGER NOT NULL DEFAULT 0;

-- ZPS_SYNC_ERRORS: one failed record of one transaction. Outstanding
-- while `resolved_at` is NULL (the record has not synced since).
CREATE TABLE sync_errors (
    id                  INTEGER PRIMARY KEY,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    transaction_number  INTEGER NOT NULL
                            REFERENCES transactions (transaction_number) ON DELETE CASCADE,
    sync_type           TEXT    NOT NULL CHECK (sync_type IN ('STANDARD', 'INSTANT', 'EMAIL')),
    message_type        TEXT    NOT NULL CHECK (message_type IN ('SYSTEM', 'USER')),
    direction           TEXT    NOT NULL CHECK (direction IN ('UP_SYNC', 'DOWN_SYNC')),
    object_type         TEXT    NOT NULL CHECK (object_type IN
                            ('APPOINTMENT', 'CONTACT', 'TASK', 'EMAIL')),
    operation           TEXT    NOT NULL CHECK (operation IN ('CREATE', 'UPDATE', 'DELETE')),
    sales_record_id     INTEGER,
    sales_record_number TEXT,
    microsoft_id        TEXT,
    record_name         TEXT    NOT NULL,
    message             TEXT    NOT NULL,
    occurred_at         INTEGER NOT NULL,
    resolved_at         INTEGER
);
CREATE INDEX sync_errors_user ON sync_errors (user_id, occurred_at) WHERE resolved_at IS NULL;
CREATE INDEX sync_errors_transaction ON sync_errors (transaction_number);

CREATE TRIGGER sync_errors_insert AFTER INSERT ON sync_errors
    WHEN new.resolved_at IS NULL BEGIN
    UPDATE users SET outstanding_sync_errors = outstanding_sync_errors + 1
     WHERE id = new.user_id;
END;
CREATE TRIGGER sync_errors_delete AFTER DELETE ON sync_errors
    WHEN old.resolved_at IS NULL BEGIN
    UPDATE users SET outstanding_sync_errors = outstanding_sync_errors - 1
     WHERE id = old.user_id;
END;
CREATE TRIGGER sync_errors_resolve AFTER UPDATE OF resolved_at ON sync_errors
    WHEN (old.resolved_at IS NULL) <> (new.resolved_at IS NULL) BEGIN
    UPDATE users SET outstanding_sync_errors = outstanding_sync_errors
        + (CASE WHEN new.resolved_at IS NULL THEN 1 ELSE -1 END)
     WHERE id = new.user_id;
END;
