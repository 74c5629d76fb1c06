//! The embedded SQLite database: opening, versioned migrations, a small
//! connection pool (one writer, a few readers under WAL), and one module
//! per resource with the queries the API needs. Handlers call these
//! functions and never see SQL.

mod actions;
mod errors;
mod export;
mod filter;
mod jobs;
mod search;
mod stats;
mod summary;
mod sync_errors;
mod transactions;
mod users;

pub use actions::{apply_once, Outcome};
pub use errors::error_groups;
pub use export::matching_users;
pub use jobs::{jobs, record_job};
pub use stats::sync_stats;
pub use summary::{set_application_permission, summary};
pub use sync_errors::{
    resolve_system_errors, sync_errors, ErrorScope, NewRecordError, RecordErrorSort,
};
pub use transactions::{insert_transactions, transactions, NewTransaction, TransactionSort};
pub use users::{
    delete_user, get_user, insert_users, list_users, update_credentials, user_ids, NewUser,
    PatchError,
};

use std::ops::Deref;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use sync_monitor_core::query::SortDir;

/// The schema's migrations, in order (`PRAGMA user_version` records how
/// many ran; each runs in its own transaction).
fn migrations() -> rusqlite_migration::Migrations<'static> {
    rusqlite_migration::Migrations::new(vec![
        rusqlite_migration::M::up(include_str!("../../migrations/0001_init.sql")),
        rusqlite_migration::M::up(include_str!("../../migrations/0002_api.sql")),
        rusqlite_migration::M::up(include_str!("../../migrations/0003_search.sql")),
        rusqlite_migration::M::up(include_str!("../../migrations/0004_health.sql")),
        rusqlite_migration::M::up(include_str!("../../migrations/0005_client_secret.sql")),
        rusqlite_migration::M::up(include_str!("../../migrations/0006_sync_errors.sql")),
    ])
}

/// Opens (creating if needed) the database file and brings its schema up to
/// date.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let mut conn = connect(path)?;
    migrate(&mut conn)?;
    Ok(conn)
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    use_wal(&conn)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Pages are read through a shared memory map rather than copied into
    // each connection's cache by `pread` (searches scan whole indexes).
    conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
    conn.pragma_update(None, "cache_size", -32_000)?;
    // `rarray(?)`: a search's matching ids as one parameter.
    rusqlite::vtab::array::load_module(&conn)?;
    search::register(&conn)?;
    Ok(conn)
}

/// How long a connection waits for another's lock before it gives up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Puts the file in WAL mode. Switching a rollback-journal file (an older
/// server's) takes a read lock and then the write lock, and SQLite answers
/// "busy" at once, without waiting, when another connection holds the write
/// lock in between, as when two servers open one such file at the same
/// moment. So the switch waits here, up to the busy timeout.
fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            done => return done,
        }
    }
}

/// Applies the migrations not yet applied. Two servers starting on one
/// file at the same moment both read the old version; each migration runs
/// in its own transaction, so the one that loses the race fails without a
/// trace and, asked again, finds the work done.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let mut attempt = 0;
    loop {
        match migrations().to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(_) if attempt < 3 => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(100 * attempt));
            }
            Err(rusqlite_migration::Error::RusqliteError { err, .. }) => return Err(err),
            Err(other) => return Err(rusqlite::Error::ToSqlConversionFailure(Box::new(other))),
        }
    }
}

/// Schema version of an open database.
pub fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// One writer and a few readers over the same WAL database, and the
/// in-memory search they share.
pub struct Db {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next: AtomicUsize,
    search: search::Index,
}

/// A reader connection with the search index: what queries that filter
/// users need (it derefs to the connection for every other query).
pub struct Reader<'a> {
    conn: &'a Connection,
    search: &'a search::Index,
}

impl Deref for Reader<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Db {
    /// Opens the pool on a migrated database file.
    pub fn open(path: &Path, readers: usize) -> rusqlite::Result<Db> {
        let writer = open(path)?;
        let readers = (0..readers.max(1))
            .map(|_| connect(path).map(Mutex::new))
            .collect::<rusqlite::Result<_>>()?;
        Ok(Db {
            writer: Mutex::new(writer),
            readers,
            next: AtomicUsize::new(0),
            search: search::Index::default(),
        })
    }

    /// How many reader connections there are.
    pub fn readers(&self) -> usize {
        self.readers.len()
    }

    /// Runs `f` on a reader connection (a free one if there is one).
    pub fn read<T>(&self, f: impl FnOnce(&Reader) -> T) -> T {
        let n = self.readers.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let held = (0..n)
            .find_map(|i| self.readers[(start + i) % n].try_lock().ok())
            .unwrap_or_else(|| {
                self.readers[start % n]
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
            });
        f(&Reader {
            conn: &held,
            search: &self.search,
        })
    }

    /// Runs `f` on the writer connection.
    pub fn write<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn)
    }
}

fn time(ms: Option<i64>) -> Option<DateTime<Utc>> {
    ms.and_then(DateTime::from_timestamp_millis)
}

fn dir(d: SortDir) -> &'static str {
    match d {
        SortDir::Asc => "ASC",
        SortDir::Desc => "DESC",
    }
}

/// A collection page from `items` read with `LIMIT page.limit + 1` (the
/// extra row says there is more); `total` counts every match, asked only
/// when the request wants it.
fn page_of<T>(
    mut items: Vec<T>,
    page: Page,
    total: impl FnOnce() -> rusqlite::Result<u64>,
) -> rusqlite::Result<sync_monitor_core::Collection<T>> {
    let has_more = items.len() as u64 > page.limit;
    items.truncate(page.limit as usize);
    Ok(sync_monitor_core::Collection {
        count: items.len() as u64,
        items,
        has_more,
        limit: page.limit,
        offset: page.offset,
        total_results: if page.total { Some(total()?) } else { None },
    })
}

/// A validated `orderBy=<field>:<asc|desc>` over a table's columns.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSort<C> {
    pub column: C,
    pub dir: SortDir,
}

impl<C: Copy> ColumnSort<C> {
    /// Parses `s` against `columns`, each named by `field`.
    fn parse_with(s: &str, columns: &[C], field: fn(C) -> &'static str) -> Result<Self, String> {
        let names: Vec<&str> = columns.iter().map(|c| field(*c)).collect();
        let (i, dir) = sync_monitor_core::query::parse_order_by(s, &names)?;
        Ok(ColumnSort {
            column: columns[i],
            dir,
        })
    }
}

/// Paging of a collection request.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub limit: u64,
    pub offset: u64,
    pub total: bool,
}

/// Reads a `meta` value.
pub fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

/// Writes a `meta` value.
pub fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 6);
        drop(conn);
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 6);
        assert!(migrations().validate().is_ok());
    }

    /// A database of version 2 in the rollback journal, as an older server
    /// left it.
    fn version_two(path: &Path) -> Connection {
        let mut old = Connection::open(path).unwrap();
        let two = rusqlite_migration::Migrations::new(vec![
            rusqlite_migration::M::up(include_str!("../../migrations/0001_init.sql")),
            rusqlite_migration::M::up(include_str!("../../migrations/0002_api.sql")),
        ]);
        two.to_latest(&mut old).unwrap();
        old
    }

    #[test]
    fn a_server_starting_while_another_holds_the_lock_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.db");
        let old = version_two(&path);
        old.execute_batch("BEGIN IMMEDIATE").unwrap();
        let start = {
            let path = path.clone();
            std::thread::spawn(move || open(&path).map(|c| schema_version(&c)))
        };
        std::thread::sleep(std::time::Duration::from_millis(300));
        old.execute_batch("COMMIT").unwrap();
        assert_eq!(start.join().unwrap().unwrap().unwrap(), 6);
    }

    #[test]
    fn two_servers_migrating_one_file_at_once_both_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("race.db");
        drop(version_two(&path));
        let starts: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || open(&path).map(|c| schema_version(&c)))
            })
            .collect();
        for s in starts {
            assert_eq!(s.join().unwrap().unwrap().unwrap(), 6);
        }
    }
}
