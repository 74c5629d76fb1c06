//! The search of a user filter as the API applies it, so the console can
//! narrow what it shows before the API answers (#13).

use super::UserFilter;

impl UserFilter {
    /// The search as the API applies it: trimmed, lowercased.
    pub fn needle(&self) -> String {
        self.search.trim().to_lowercase()
    }

    /// Whether this filter finds only users `wider` finds, by its search
    /// alone: the same filter with a longer search that contains `wider`'s.
    /// With the same sort, its first users are then the users of `wider`'s
    /// first ones that it finds, in the same order.
    pub fn narrows(&self, wider: &UserFilter) -> bool {
        let (mine, theirs) = (self.needle(), wider.needle());
        let rest = |f: &UserFilter| UserFilter {
            search: String::new(),
            ..f.clone()
        };
        mine != theirs && mine.contains(&theirs) && rest(self) == rest(wider)
    }
}

/// The API's search: whether `needle` ([`UserFilter::needle`]) is part of
/// the sales user name or of the Microsoft email, ignoring case.
pub fn search_finds(needle: &str, name: &str, email: &str) -> bool {
    needle.is_empty()
        || name.to_lowercase().contains(needle)
        || email.to_lowercase().contains(needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::filter_from;

    #[test]
    fn a_longer_search_narrows_the_same_filter_only() {
        let f = |q: &str| filter_from(q).unwrap();
        assert!(f("search=ke").narrows(&f("")));
        assert!(f("search=KeI").narrows(&f("search=k")));
        assert!(f("search=%20kei%20").narrows(&f("search=EI")));
        assert!(f("search=kei&lastSync=FAILED").narrows(&f("search=k&lastSync=FAILED")));
        // Not the same search, another filter, a shorter or other search.
        assert!(!f("search=kei").narrows(&f("search=kei%20")));
        assert!(!f("search=kei&lastSync=FAILED").narrows(&f("search=k")));
        assert!(!f("search=k").narrows(&f("search=ke")));
        assert!(!f("search=ka").narrows(&f("search=ke")));
        assert!(!f("").narrows(&f("")));
    }

    #[test]
    fn search_finds_a_part_of_the_name_or_the_email_ignoring_case() {
        let finds = |q: &str| {
            search_finds(
                &filter_from(q).unwrap().needle(),
                "KEISHA.Olsen",
                "k.olsen@Contoso.com",
            )
        };
        assert!(finds(""));
        assert!(finds("search=keisha.o"));
        assert!(finds("search=%20CONTOSO%20"));
        assert!(finds("search=@contoso"));
        // Not across the two, nor what neither holds.
        assert!(!finds("search=olsenk"));
        assert!(!finds("search=kim"));
        assert!(search_finds("zoë", "ZOË Ng", "z@x.com"));
    }
}
