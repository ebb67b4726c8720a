//! Which map a start of the app shows (`open_at_start`): the one named, else the user's own,
//! else the sample map when asked for, else none. The data folder is a temporary one.

use chrono::{TimeZone, Utc};
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{Env, Indmap, Opened, open_at_start};

fn env() -> Env {
    Env::fixed("planner", Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap())
}

#[test]
fn a_start_opens_the_named_map_the_users_own_the_sample_or_none() {
    let home = tempfile::tempdir().unwrap();
    // SAFETY: this test binary has this one test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_DATA_HOME", home.path()) };
    let karaganda = Scope::Region(RegionCode::parse("35").unwrap());

    assert!(open_at_start(None, false, env()).is_none(), "a first start opens nothing");
    let (sample, opened) = open_at_start(None, true, env()).unwrap().unwrap();
    assert_eq!((opened, sample.info().scope), (Opened::Sample, Scope::Ministry));
    drop(sample);

    let named = home.path().join("karaganda.sqlite");
    drop(Indmap::init(&named, karaganda, env()).unwrap());
    let (db, opened) = open_at_start(Some(&named), true, env()).unwrap().unwrap();
    assert_eq!((opened, db.info().path.clone()), (Opened::User, named.clone()));

    let own = indmap_api::default_db_path().unwrap();
    drop(Indmap::init(&own, karaganda, env()).unwrap());
    let (db, opened) = open_at_start(None, true, env()).unwrap().unwrap();
    assert_eq!((opened, db.info().path.clone()), (Opened::User, own), "the user's own map before the sample");

    let missing = home.path().join("gone.sqlite");
    let e = open_at_start(Some(&missing), true, env()).unwrap().err().expect("a named map that is not there");
    assert_eq!(e.kind, indmap_api::ErrorKind::NotFound);
}
