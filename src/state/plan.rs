//! An action about to run on the selection: which of the selected users it
//! applies to (asked of the API), and whether it is confirmed first. Each
//! plan has a number, so a late answer for an older plan is dropped.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{Target, UserAction};

use crate::api::{ApiClient, ApiError};

/// What is known about the action about to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub seq: u64,
    pub action: UserAction,
    pub selected: usize,
    /// The users it applies to; `None` while the API is asked.
    pub applicable: Option<Result<Vec<i64>, String>>,
}

impl Plan {
    /// The confirmation text (one per action, from core).
    pub fn message(&self) -> String {
        match &self.applicable {
            Some(Err(why)) => format!("Could not check which users it applies to: {why}"),
            other => self.action.confirmation(Target::Selection {
                selected: self.selected,
                applicable: other.as_ref().and_then(|r| r.as_ref().ok()).map(Vec::len),
            }),
        }
    }

    /// The ids to run on, once known and not empty.
    pub fn ids(&self) -> Option<Vec<i64>> {
        match &self.applicable {
            Some(Ok(ids)) if !ids.is_empty() => Some(ids.clone()),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Planner {
    pub plan: RwSignal<Option<Plan>>,
    /// The action whose confirmation is open.
    pub confirming: RwSignal<Option<UserAction>>,
    seq: StoredValue<u64>,
    client: StoredValue<ApiClient>,
}

impl Planner {
    /// No plan yet; asks the API client in context.
    pub fn new() -> Self {
        let client = expect_context::<ApiClient>();
        Planner {
            plan: RwSignal::new(None),
            confirming: RwSignal::new(None),
            seq: StoredValue::new(0),
            client: StoredValue::new(client),
        }
    }

    /// Plans `action` on `ids`: runs it at once (`run`) when it applies to
    /// all of them and needs no confirmation, else opens its confirmation.
    pub fn prepare(
        &self,
        action: UserAction,
        ids: Vec<i64>,
        run: Callback<(UserAction, Vec<i64>)>,
    ) {
        self.seq.update_value(|s| *s += 1);
        let seq = self.seq.get_value();
        let n = ids.len();
        let confirm = action.needs_confirmation(n);
        let known = action.applies_to().is_none().then(|| Ok(ids.clone()));
        self.plan.set(Some(Plan {
            seq,
            action,
            selected: n,
            applicable: known.clone(),
        }));
        if confirm {
            self.confirming.set(Some(action));
        }
        if known.is_some() {
            if !confirm {
                self.plan.set(None);
                run.run((action, ids));
            }
            return;
        }
        let this = *self;
        let client = self.client.get_value();
        spawn_local(async move {
            let result = applicable(&client, action, &ids)
                .await
                .map_err(|e| e.message());
            let current = this
                .plan
                .try_with_untracked(|p| p.as_ref().is_some_and(|p| p.seq == seq));
            if current != Some(true) {
                return; // a newer plan, or the page is gone
            }
            let all = result.as_ref().is_ok_and(|a| a.len() == n);
            this.plan.update(|p| {
                if let Some(p) = p {
                    p.applicable = Some(result.clone());
                }
            });
            match result {
                Ok(ids) if all && !confirm => {
                    this.plan.set(None);
                    run.run((action, ids));
                }
                _ => this.confirming.set(Some(action)),
            }
        });
    }

    /// The confirmed plan's ids (and forgets the plan).
    pub fn take(&self, action: UserAction) -> Option<Vec<i64>> {
        let ids = self.plan.with_untracked(|p| {
            p.as_ref()
                .filter(|p| p.action == action)
                .and_then(Plan::ids)
        });
        self.plan.set(None);
        ids
    }
}

/// The ids of `selected` that `action` applies to (asks the API which
/// users are in the state it needs).
async fn applicable(
    client: &ApiClient,
    action: UserAction,
    selected: &[i64],
) -> Result<Vec<i64>, ApiError> {
    let Some((filter, _)) = action.applies_to() else {
        return Ok(selected.to_vec());
    };
    let sort = sync_monitor_core::view::DEFAULT_SORT;
    let matching: HashSet<i64> = client
        .user_ids(&filter, sort)
        .await?
        .ids
        .into_iter()
        .collect();
    Ok(selected
        .iter()
        .copied()
        .filter(|id| matching.contains(id))
        .collect())
}
