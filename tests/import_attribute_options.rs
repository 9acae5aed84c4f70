//! The attribution options as JavaScript passes them (the page's model controls): read into
//! the very parameters `sheetkpi attribute` builds from its flags, numbers as numbers or as
//! typed text; what cannot be read names its option, so the page can point at the control.
#![cfg(feature = "import")]

use sheetkpi::attribution::Model;
use sheetkpi::import::journeys::options::{defaults, AttributeOptions, Typed};
use sheetkpi::import::journeys::report::{models, ModelParams};

fn read(json: &str) -> AttributeOptions {
    serde_json::from_str(json).unwrap()
}

#[test]
fn no_options_are_the_clis_defaults() {
    let r = AttributeOptions::default().resolve().unwrap();
    assert_eq!(r.models, models(&["all".into()], &ModelParams::default()).unwrap());
    assert_eq!(r.journeys.lookback_days, 30.0);
    assert!(!r.transition_matrix);
    let d = defaults();
    assert_eq!(d["order"], 1);
    assert_eq!(d["orders"], serde_json::json!([1, 2, 3, 4]));
    assert_eq!((d["firstShare"].as_f64(), d["lastShare"].as_f64(), d["halfLife"].as_f64()), (Some(0.4), Some(0.4), Some(7.0)));
    assert_eq!((d["lookbackDays"].as_f64(), d["direct"].as_str()), (Some(30.0), Some("Direct")));
}

#[test]
fn numbers_and_typed_text_read_alike() {
    let typed = read(r#"{"order": "3", "lookbackDays": " 14 ", "firstShare": "30%", "lastShare": "0.5", "halfLife": "2.5", "direct": "email"}"#);
    let numbers = read(r#"{"order": 3, "lookbackDays": 14, "firstShare": 0.3, "lastShare": 0.5, "halfLife": 2.5, "direct": "email"}"#);
    assert_eq!(typed.order, Some(Typed::Text("3".into())));
    let (a, b) = (typed.resolve().unwrap(), numbers.resolve().unwrap());
    assert_eq!(a.models, b.models);
    assert_eq!(a.journeys, b.journeys);
    assert_eq!(a.journeys.lookback_days, 14.0);
    let p = ModelParams {
        order: 3,
        first: sheetkpi::import::journeys::options::share("0.3").unwrap(),
        last: sheetkpi::import::journeys::options::share("50%").unwrap(),
        half_life: 2.5,
        direct: "email".into(),
    };
    assert_eq!(a.models, models(&["all".into()], &p).unwrap());
    assert!(a.models.contains(&Model::Markov { order: 3 }));
}

#[test]
fn what_cannot_be_read_names_its_option() {
    let err = |json: &str| AttributeOptions::resolve(&read(json)).err().map(|e| (e.option, e.message));
    assert_eq!(err(r#"{"order": 5}"#), Some(("order", "the Markov order is a whole number from 1 to 4".into())));
    assert_eq!(err(r#"{"order": "1.5"}"#).unwrap().0, "order");
    assert_eq!(err(r#"{"lookbackDays": "abc"}"#), Some(("lookbackDays", "\"abc\" is not a number".into())));
    assert_eq!(err(r#"{"halfLife": ""}"#), Some(("halfLife", "enter a number".into())));
    assert_eq!(err(r#"{"firstShare": "=1+1"}"#).unwrap().0, "firstShare");
    assert_eq!(err(r##"{"lastShare": "#N/A"}"##).unwrap().0, "lastShare");
    assert_eq!(err(r#"{"models": ["nope"]}"#).unwrap().0, "models");
    assert_eq!(err(r#"{"models": []}"#).unwrap().0, "models");
    // A mistyped option is refused, never silently ignored.
    assert!(serde_json::from_str::<AttributeOptions>(r#"{"lookback": 3}"#).is_err());
    // Values that read but that a model refuses are that model's error, as in the CLI.
    assert!(err(r#"{"firstShare": 0.8, "lastShare": 0.4, "halfLife": -1}"#).is_none());
}
