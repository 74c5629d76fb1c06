//! Substring search over every user's name and Microsoft email, held in
//! memory: one lowercase buffer searched with SIMD `memmem`, about a
//! millisecond at 100,000 users for a needle of any length (SQLite's
//! trigram index cannot answer fewer than three letters, and `LIKE` scans
//! every row twice per request). The database counts changes to what search
//! reads (`search_generation`, kept by triggers), so a stale copy is
//! rebuilt on the next search whichever connection wrote.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, RwLock};

use memchr::memmem::Finder;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::vtab::array::Array;
use rusqlite::Connection;

/// The shared copy, replaced whole when the database moved on.
#[derive(Default)]
pub struct Index {
    snapshot: RwLock<Arc<Snapshot>>,
}

/// Every user's name then email, each lowercased and followed by a NUL,
/// in id order; entry `2k` and `2k + 1` are the user `ids[k]`.
#[derive(Default)]
struct Snapshot {
    generation: Option<i64>,
    text: Vec<u8>,
    starts: Vec<usize>,
    ids: Vec<i64>,
}

/// The users a search matches, as SQL can use them best: the matching ids
/// when they are fewer than half, else the ids that do not match (so a
/// sorted page of a search that matches nearly everyone, `.com` say, stops
/// after one page of the sort's index instead of sorting every user).
pub struct Hits {
    /// Ids, ascending, as an `rarray` parameter (empty when `dense`).
    pub ids: Array,
    /// Whether `ids` are the users that do not match.
    pub excluded: bool,
    /// How many users match.
    pub count: u64,
    /// So many match (more than √(100 × users), fewer than half) that a
    /// page is found sooner by walking the sort's index and testing each
    /// id than by reading every match's row and sorting them: the ids are
    /// tested by [`HIT`] in memory (an `IN rarray(…)` of tens of thousands
    /// of ids first copies them into a temporary b-tree: ~4 ms of a
    /// one-letter search at 100,000 users).
    pub dense: Option<Rc<[i64]>>,
}

/// `search_hit(id)`: whether `id` is a match of the dense search in scope
/// on this thread ([`DenseScope`]).
pub const HIT: &str = "search_hit";

thread_local! {
    /// The ids of the dense search whose query runs on this thread.
    static DENSE: RefCell<Rc<[i64]>> = RefCell::new(Rc::from([]));
}

/// Puts a dense search's ids in scope of [`HIT`] on this thread while the
/// query that uses them runs (a connection runs its statements on the
/// thread that holds it); out of scope when dropped.
pub struct DenseScope(());

impl DenseScope {
    pub fn enter(ids: Rc<[i64]>) -> DenseScope {
        DENSE.with(|d| *d.borrow_mut() = ids);
        DenseScope(())
    }
}

impl Drop for DenseScope {
    fn drop(&mut self) {
        DENSE.with(|d| *d.borrow_mut() = Rc::from([]));
    }
}

/// Registers [`HIT`] on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        HIT,
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
        |ctx| {
            let id = ctx.get::<i64>(0)?;
            Ok(DENSE.with(|d| d.borrow().binary_search(&id).is_ok()))
        },
    )
}

impl Index {
    /// The users whose name or email contains `needle`, ignoring case.
    pub fn matching(&self, conn: &Connection, needle: &str) -> rusqlite::Result<Hits> {
        let snapshot = self.current(conn)?;
        let found = snapshot.find(needle.to_lowercase().as_bytes());
        let count = found.len() as u64;
        let excluded = found.len() * 2 > snapshot.ids.len();
        let dense = !excluded && found.len().saturating_mul(found.len()) > 100 * snapshot.ids.len();
        if dense {
            return Ok(Hits {
                ids: Rc::new(Vec::new()),
                excluded,
                count,
                dense: Some(Rc::from(found)),
            });
        }
        let ids = if excluded {
            let mut found = found.iter().peekable();
            let rest = snapshot.ids.iter().filter(|id| {
                let hit = found.peek() == Some(id);
                if hit {
                    found.next();
                }
                !hit
            });
            rest.map(|&id| Value::Integer(id)).collect()
        } else {
            found.into_iter().map(Value::Integer).collect()
        };
        Ok(Hits {
            ids: Rc::new(ids),
            excluded,
            count,
            dense: None,
        })
    }

    fn current(&self, conn: &Connection) -> rusqlite::Result<Arc<Snapshot>> {
        let generation = generation(conn)?;
        let held = self
            .snapshot
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if held.generation == Some(generation) {
            return Ok(held);
        }
        let fresh = Arc::new(Snapshot::load(conn)?);
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = fresh.clone();
        Ok(fresh)
    }
}

fn generation(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT n FROM search_generation WHERE id = 1")?
        .query_row([], |r| r.get(0))
}

impl Snapshot {
    /// Reads the generation and the rows in one read transaction, so the
    /// copy is exactly that generation's.
    fn load(conn: &Connection) -> rusqlite::Result<Snapshot> {
        let tx = conn.unchecked_transaction()?;
        let mut snapshot = Snapshot {
            generation: Some(generation(&tx)?),
            ..Snapshot::default()
        };
        let mut stmt =
            tx.prepare("SELECT id, sales_user_name, microsoft_email FROM users ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            snapshot.ids.push(row.get(0)?);
            for column in [1, 2] {
                snapshot.starts.push(snapshot.text.len());
                let value: String = row.get(column)?;
                snapshot
                    .text
                    .extend_from_slice(value.to_lowercase().as_bytes());
                snapshot.text.push(0);
            }
        }
        drop(rows);
        drop(stmt);
        tx.finish()?;
        Ok(snapshot)
    }

    /// The entry (name or email) holding byte `at`, searched forwards from
    /// entry `after` (hits come in order): a galloping search costs the log
    /// of the distance to the previous hit, not of the whole text, which
    /// matters when a short needle hits tens of thousands of users (#13).
    fn entry_at(&self, after: usize, at: usize) -> usize {
        let mut step = 1;
        let mut low = after;
        while low + step < self.starts.len() && self.starts[low + step] <= at {
            low += step;
            step *= 2;
        }
        let high = (low + step).min(self.starts.len());
        low + self.starts[low..high].partition_point(|&s| s <= at) - 1
    }

    /// Ids of the users with `needle` inside their name or their email
    /// (never across the two), each once, ascending.
    fn find(&self, needle: &[u8]) -> Vec<i64> {
        if needle.is_empty() {
            return self.ids.clone();
        }
        let finder = Finder::new(needle);
        let mut found = Vec::new();
        let mut from = 0;
        let mut entry = 0;
        while let Some(at) = finder.find(&self.text[from..]).map(|p| p + from) {
            entry = self.entry_at(entry, at);
            let end = self.starts.get(entry + 1).map_or(self.text.len(), |&s| s) - 1;
            if at + needle.len() <= end {
                found.push(self.ids[entry / 2]);
                // On to the next user: one hit is enough.
                from = self
                    .starts
                    .get(entry / 2 * 2 + 2)
                    .copied()
                    .unwrap_or(self.text.len());
            } else {
                from = at + 1;
            }
            if from >= self.text.len() {
                break;
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(users: &[(i64, &str, &str)]) -> Snapshot {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, sales_user_name TEXT, microsoft_email TEXT);
             CREATE TABLE search_generation (id INTEGER PRIMARY KEY, n INTEGER);
             INSERT INTO search_generation VALUES (1, 7);",
        )
        .unwrap();
        for (id, name, email) in users {
            conn.execute(
                "INSERT INTO users VALUES (?1, ?2, ?3)",
                rusqlite::params![id, name, email],
            )
            .unwrap();
        }
        Snapshot::load(&conn).unwrap()
    }

    #[test]
    fn finds_substrings_of_any_length_ignoring_case_once_per_user() {
        let s = snapshot(&[
            (3, "ZOE.ABE", "zoe.abe@example.com"),
            (8, "ANA.KIM", "ana.kim@example.org"),
            (9, "Ömer.Öz", "omer@example.com"),
        ]);
        assert_eq!(s.generation, Some(7));
        assert_eq!(s.find(b"zo"), vec![3]);
        assert_eq!(s.find(b"e"), vec![3, 8, 9]);
        assert_eq!(s.find(b"kim@"), vec![8]);
        assert_eq!(s.find("öz".as_bytes()), vec![9]);
        assert_eq!(s.find(b".org"), vec![8]);
        assert_eq!(s.find(b"xyz"), Vec::<i64>::new());
    }

    #[test]
    fn finds_what_a_scan_of_every_user_finds_near_and_far_apart() {
        // Hits next to each other and thousands of users apart (the
        // galloping search between them).
        let users: Vec<(i64, String, String)> = (0..5_000i64)
            .map(|i| {
                let name = format!("U{}.{}", i % 7, if i % 997 == 0 { "RARE" } else { "X" });
                (i * 2 + 1, name, format!("u{i}@ex{}.com", i % 3))
            })
            .collect();
        let borrowed: Vec<(i64, &str, &str)> = users
            .iter()
            .map(|(i, n, e)| (*i, n.as_str(), e.as_str()))
            .collect();
        let s = snapshot(&borrowed);
        for needle in [
            "rare", "u3", "ex2", "9@", ".x", "u4999", "@ex1.com", "u0.rare",
        ] {
            let scan: Vec<i64> = users
                .iter()
                .filter(|(_, n, e)| sync_monitor_core::query::search_finds(needle, n, e))
                .map(|(i, _, _)| *i)
                .collect();
            assert_eq!(s.find(needle.as_bytes()), scan, "{needle}");
        }
    }

    #[test]
    fn a_search_matching_most_users_is_given_as_the_ones_it_does_not() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, sales_user_name TEXT, microsoft_email TEXT);
             CREATE TABLE search_generation (id INTEGER PRIMARY KEY, n INTEGER);
             INSERT INTO search_generation VALUES (1, 1);
             INSERT INTO users VALUES (1, 'A', 'a@x.com'), (2, 'B', 'b@x.com'), (3, 'C', 'c@x.org');",
        )
        .unwrap();
        let index = Index::default();
        let ids = |h: &Hits| h.ids.iter().cloned().collect::<Vec<_>>();
        let com = index.matching(&conn, ".COM").unwrap();
        assert!(com.excluded);
        assert_eq!((ids(&com), com.count), (vec![Value::Integer(3)], 2));
        let org = index.matching(&conn, "org").unwrap();
        assert!(!org.excluded);
        assert_eq!((ids(&org), org.count), (vec![Value::Integer(3)], 1));
        // A change the triggers count is seen on the next search.
        conn.execute_batch(
            "UPDATE users SET microsoft_email = 'c@x.com' WHERE id = 3;
             UPDATE search_generation SET n = 2;",
        )
        .unwrap();
        let com = index.matching(&conn, ".com").unwrap();
        assert_eq!((ids(&com), com.count), (vec![], 3));
    }

    #[test]
    fn never_matches_across_the_end_of_a_name_or_an_email() {
        let s = snapshot(&[(1, "AB", "cd@x"), (2, "ef", "gh@y")]);
        // "ab" + NUL + "cd": a needle with the separator matches nothing.
        assert!(s.find(b"b\0c").is_empty());
        assert!(s.find(b"x\0e").is_empty());
        assert_eq!(s.find(b"@y"), vec![2]);
        assert_eq!(s.find(b"gh@y"), vec![2]);
    }
}
