//! The domain of Kazakhstan's industrialization maps (2012 Law on state support of
//! industrial-innovative activity, Art. 19 p.2): projects with their financing, schedule and
//! action plan, the reference data they point at, the rules that check them, where they are,
//! and the GeoJSON Feature that carries one project between databases and tools.
//!
//! Nothing here touches a file, a clock or a random source: callers pass time and ids in.
#![recursion_limit = "256"]

pub mod alert;
pub mod changes;
pub mod code_clash;
pub mod dashboard;
pub mod edition;
pub mod effectiveness;
pub mod feature;
pub mod filter;
pub mod gantt;
pub mod geography;
pub mod ident;
pub mod merge_plan;
pub mod money;
pub mod monitoring;
pub mod ownership;
pub mod period;
pub mod period_act;
pub mod problem;
pub mod project;
pub mod proposal;
pub mod reference;
pub mod report_forms;
pub mod schema;
pub mod scope;
pub mod table;
pub mod trust;
pub mod validate;
pub mod version;

pub use filter::ProjectFilter;
pub use ident::{Bin, IdSource, ProjectCode, RegionCode};
pub use money::Money;
pub use problem::{Problem, Problems, Rule, Severity};
pub use project::*;
pub use reference::{Criterion, Label, MapLevel, Status};
pub use scope::Scope;
