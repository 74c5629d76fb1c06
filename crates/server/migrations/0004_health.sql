-- Version 4: what the dashboard's health regions read.

-- Error groups (`GET /errorGroups`, the `errorCode` filter): only users
-- whose last sync failed are in a group; the index covers the grouping
-- (code, then message) and the filter (code, then id).
CREATE INDEX users_failed_error ON users (last_error_code, last_error_message)
    WHERE last_sync_status = 'FAILED';

-- The trend (`GET /syncStats`): sync outcomes per quarter hour (UTC), kept
-- by triggers, so a month of any number of transactions adds up to the
-- administrator's days (every UTC offset is whole quarter hours) from at
-- most 2,880 rows per result.
CREATE TABLE sync_stats (
    bucket INTEGER NOT NULL,  -- sync_start / 900,000 (ms in a quarter hour)
    result TEXT    NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (bucket, result)
) WITHOUT ROWID;
INSERT INTO sync_stats (bucket, result, n)
    SELECT sync_start / 900000, result, COUNT(*) FROM transactions GROUP BY 1, 2;
CREATE TRIGGER sync_stats_insert AFTER INSERT ON transactions BEGIN
    INSERT INTO sync_stats (bucket, result, n) VALUES (new.sync_start / 900000, new.result, 1)
        ON CONFLICT (bucket, result) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER sync_stats_delete AFTER DELETE ON transactions BEGIN
    UPDATE sync_stats SET n = n - 1
     WHERE bucket = old.sync_start / 900000 AND result = old.result;
END;
CREATE TRIGGER sync_stats_update AFTER UPDATE OF sync_start, result ON transactions BEGIN
    UPDATE sync_stats SET n = n - 1
     WHERE bucket = old.sync_start / 900000 AND result = old.result;
    INSERT INTO sync_stats (bucket, result, n) VALUES (new.sync_start / 900000, new.result, 1)
        ON CONFLICT (bucket, result) DO UPDATE SET n = n + 1;
END;
