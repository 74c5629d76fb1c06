-- Version 5: when the Microsoft client secret of the application permission
-- expires (ms since the epoch; the sales application's ZPS_APP_SETTINGS
-- keeps it), so the console can warn before it breaks sync.
ALTER TABLE application_permission ADD COLUMN client_secret_expires_at INTEGER;
