//! Progress reports are kept by period: a project has at most one report a period, and writing
//! the report of a period never touches another's.

use serde_json::Value;

/// The reports `given` (as a file or a form writes them) put into `stored`, both lists of
/// report objects: a given report replaces the stored one of its period, keeping that one's id
/// (so the change merges field by field elsewhere); one of a new period is added. Reports of
/// other periods stay as they were. A given report without a period is added, for validation
/// to name it.
pub fn put_by_period(stored: &[Value], given: &[Value]) -> Vec<Value> {
    let period = |v: &Value| v.get("period").and_then(Value::as_str).map(str::to_owned);
    let mut out: Vec<Value> = stored.to_vec();
    for report in given {
        let mut report = report.clone();
        match out.iter().position(|s| period(s).is_some() && period(s) == period(&report)) {
            Some(i) => {
                if let (Some(id), Some(fields)) = (out[i].get("id").cloned(), report.as_object_mut()) {
                    fields.insert("id".into(), id);
                }
                out[i] = report;
            }
            None => out.push(report),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_report_replaces_its_own_period_and_leaves_the_others() {
        let stored = [
            json!({"id": "a", "period": "2025-Q4", "progress_pct": 40}),
            json!({"id": "b", "period": "2026-Q1", "progress_pct": 55}),
        ];
        let given =
            [json!({"period": "2026-Q1", "progress_pct": 60}), json!({"period": "2026-Q3", "progress_pct": 80})];
        let put = put_by_period(&stored, &given);
        assert_eq!(
            put,
            [
                json!({"id": "a", "period": "2025-Q4", "progress_pct": 40}),
                json!({"id": "b", "period": "2026-Q1", "progress_pct": 60}),
                json!({"period": "2026-Q3", "progress_pct": 80}),
            ]
        );
        assert_eq!(put_by_period(&stored, &[]), stored);
    }
}
