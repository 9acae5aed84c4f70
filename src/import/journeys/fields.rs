//! Which column is which: the journey headers in four languages, and the header row.

use super::{FoundColumn, JourneyError, Shape};
use crate::import::headers::{self, lookup};
use crate::import::roles::{role_of_header, Role};
use crate::import::source::Row;

/// A column of journey data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The channel path (path level).
    Path,
    /// Conversions: per path, or at a touch (0/1 or a count).
    Conversions,
    /// Conversion value.
    Value,
    /// Journeys that did not convert, per path (path level).
    Nulls,
    /// The user (or client, cookie) id (touchpoint level).
    User,
    /// The touch's date and time (touchpoint level).
    Time,
    /// The touch's channel (touchpoint level).
    Channel,
}

impl Field {
    /// The field's name in messages and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Field::Path => "path",
            Field::Conversions => "conversions",
            Field::Value => "value",
            Field::Nulls => "nulls",
            Field::User => "user",
            Field::Time => "time",
            Field::Channel => "channel",
        }
    }
}

/// Header names per field, compared by [`key`] (lower case, letters and digits only).
/// Checked before the importer's role names, which also give conversions, value, channel
/// and time (see [`field_of`]).
#[rustfmt::skip]
const NAMES: &[(Field, &[&str])] = &[
    (Field::Path, &[
        "path", "paths", "journey", "journeys", "channel path", "conversion path", "customer journey", "touchpoint path",
        "mcf channel grouping path", "channel grouping path", "source / medium path", "default channel group path",
        "sti", "kundereise", "kanalsti", "konverteringssti",
        "路径", "转化路径", "渠道路径", "路徑", "轉化路徑", "轉換路徑", "渠道路徑",
    ]),
    (Field::Conversions, &[
        "total_conversions", "converted", "conversion count", "konvertert", "已转化", "已轉化", "转化次数", "轉化次數",
    ]),
    (Field::Value, &[
        "total_conversion_value", "value", "conversion value", "revenue", "purchase revenue", "verdi", "konverteringsverdi",
        "转化价值", "价值", "轉化價值", "轉換價值", "價值",
    ]),
    (Field::Nulls, &[
        "total_null", "null", "nulls", "non-conversions", "non conversions", "nonconversions", "no conversion",
        "no conversions", "not converted", "total_nulls",
        "ikke-konverteringer", "ikke konverteringer", "ikke konvertert",
        "未转化", "未转化次数", "未轉化", "未轉化次數", "未轉換",
    ]),
    (Field::User, &[
        "user", "user id", "userid", "user_pseudo_id", "client id", "clientid", "customer id", "visitor id", "cookie id",
        "bruker", "bruker-id", "brukerid", "kunde-id", "kundeid",
        "用户", "用户id", "客户id", "访客id", "用戶", "用戶id", "客戶id", "訪客id",
    ]),
    (Field::Time, &[
        "timestamp", "time", "datetime", "date time", "event time", "event_timestamp", "touch time", "touched at",
        "tidspunkt", "tid", "tidsstempel",
        "时间", "时间戳", "日期时间", "時間", "時間戳", "日期時間",
    ]),
    (Field::Channel, &["touchpoint", "channel name", "kontaktpunkt", "触点", "觸點"]),
];

/// The field a header names: journey names in four languages first (ChannelAttribution's
/// `total_null`, `kanalsti`, `转化路径`, `未轉化` …), then the importer's roles.
pub fn field_of(header: &str) -> Option<Field> {
    if let Some(f) = lookup(NAMES, header) {
        return Some(f);
    }
    match role_of_header(header)? {
        Role::Conversions => Some(Field::Conversions),
        Role::Revenue => Some(Field::Value),
        Role::Channel => Some(Field::Channel),
        Role::Date => Some(Field::Time),
        _ => None,
    }
}

pub(super) fn names_of(f: Field) -> String {
    headers::names_of(NAMES, f, 4)
}

pub(super) struct Header {
    pub(super) shape: Shape,
    pub(super) columns: Vec<FoundColumn>,
    pub(super) warnings: Vec<String>,
}

/// The journey header `r` is, if any: mostly text, naming a path (path level) or a user,
/// a time and a channel (touchpoint level). A field named twice keeps its first column.
pub(super) fn header_of(r: &Row, sheet: &str) -> Result<Option<Header>, JourneyError> {
    let Some((mut columns, warnings)) = headers::columns_of(r, field_of, Field::name) else { return Ok(None) };
    let has = |f: Field| columns.iter().any(|x| x.field == f);
    let (shape, used): (Shape, &[Field]) = if has(Field::Path) {
        (Shape::Paths, &[Field::Path, Field::Conversions, Field::Value, Field::Nulls])
    } else if has(Field::User) && has(Field::Time) && has(Field::Channel) {
        (Shape::Touches, &[Field::User, Field::Time, Field::Channel, Field::Conversions, Field::Value])
    } else {
        return Ok(None);
    };
    if !has(Field::Conversions) {
        return Err(JourneyError::MissingColumn { sheet: sheet.into(), row: r.index + 1, shape, missing: Field::Conversions });
    }
    columns.retain(|c| used.contains(&c.field));
    Ok(Some(Header { shape, columns, warnings }))
}
