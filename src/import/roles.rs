//! Column roles: what a column holds, the header names that say so (in the four
//! languages of the seed articles), and which registry parameters each role feeds.
//!
//! Everything here is data. To teach the importer a new header, add it to [`SYNONYMS`];
//! to feed a new KPI parameter from a column, name the parameter like a role
//! (`new_customers`, `page_views`…) or add a line to [`PARAM_ROLES`].

use crate::registry::{Function, ParamKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Money spent (ad spend, marketing cost).
    Spend,
    /// Revenue (sales, conversion value).
    Revenue,
    /// Ad impressions.
    Impressions,
    /// Clicks.
    Clicks,
    /// Conversions (purchases, orders, actions).
    Conversions,
    /// Visitors or sessions.
    Visitors,
    /// Bounced sessions.
    Bounces,
    /// Leads.
    Leads,
    /// Marketing-qualified leads.
    Mqls,
    /// Sales-qualified leads.
    Sqls,
    /// New customers won.
    NewCustomers,
    /// Customers lost (churned).
    CustomersLost,
    /// Customers at the start of the period.
    CustomersStart,
    /// Customers at the end of the period.
    CustomersEnd,
    /// Page views.
    PageViews,
    /// Engagements (likes, shares, comments, interactions).
    Engagements,
    /// The marketing channel (a label).
    Channel,
    /// The campaign (a label).
    Campaign,
    /// The date or period (a label).
    Date,
}

impl Role {
    /// Every role, in report column order.
    pub const ALL: [Role; 19] = [
        Role::Channel,
        Role::Campaign,
        Role::Date,
        Role::Spend,
        Role::Revenue,
        Role::Impressions,
        Role::Clicks,
        Role::Conversions,
        Role::Visitors,
        Role::Bounces,
        Role::Leads,
        Role::Mqls,
        Role::Sqls,
        Role::NewCustomers,
        Role::CustomersLost,
        Role::CustomersStart,
        Role::CustomersEnd,
        Role::PageViews,
        Role::Engagements,
    ];

    /// The role's name as `--map` and JSON spell it (`new_customers`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Spend => "spend",
            Role::Revenue => "revenue",
            Role::Impressions => "impressions",
            Role::Clicks => "clicks",
            Role::Conversions => "conversions",
            Role::Visitors => "visitors",
            Role::Bounces => "bounces",
            Role::Leads => "leads",
            Role::Mqls => "mqls",
            Role::Sqls => "sqls",
            Role::NewCustomers => "new_customers",
            Role::CustomersLost => "customers_lost",
            Role::CustomersStart => "customers_start",
            Role::CustomersEnd => "customers_end",
            Role::PageViews => "page_views",
            Role::Engagements => "engagements",
            Role::Channel => "channel",
            Role::Campaign => "campaign",
            Role::Date => "date",
        }
    }

    /// A role from its name or any of its header synonyms (`cost` gives [`Role::Spend`]).
    pub fn parse(s: &str) -> Option<Role> {
        let n = normalize(s);
        Role::ALL.into_iter().find(|r| normalize(r.name()) == n).or_else(|| role_of_header(s))
    }

    /// Whether the column holds numbers to sum (as opposed to a label).
    pub fn is_measure(self) -> bool {
        !matches!(self, Role::Channel | Role::Campaign | Role::Date)
    }
}

/// Header names per role, compared after [`normalize`]: English, Simplified Chinese,
/// Traditional Chinese, Norwegian. A name must not appear under two roles (tested).
pub const SYNONYMS: &[(Role, &[&str])] = &[
    (Role::Spend, &[
        "spend", "spent", "cost", "costs", "ad spend", "ad cost", "ads cost", "amount spent", "media spend",
        "media cost", "marketing spend", "marketing cost", "expense", "expenses", "investment",
        "花费", "费用", "成本", "广告花费", "广告费", "广告费用", "广告支出", "支出", "消耗", "投放费用", "营销费用", "营销成本",
        "花費", "費用", "廣告花費", "廣告費", "廣告費用", "廣告支出", "行銷費用", "行銷成本", "營銷成本",
        "kostnad", "kostnader", "forbruk", "annonsekostnad", "annonsekostnader", "annonseforbruk", "utgift", "utgifter",
        "markedsføringskostnad", "markedsføringskostnader",
    ]),
    (Role::Revenue, &[
        "revenue", "revenues", "sales", "income", "conversion value", "purchase value", "turnover", "gmv",
        "收入", "营收", "销售额", "营业额", "收益", "成交额", "销售收入",
        "營收", "銷售額", "營業額", "成交額", "銷售收入",
        "inntekt", "inntekter", "omsetning", "salg", "salgsinntekt", "salgsinntekter",
    ]),
    (Role::Impressions, &[
        "impressions", "impression", "impr", "imps",
        "展示", "展示量", "展示次数", "展现量", "展现", "曝光", "曝光量", "曝光次数",
        "展示次數", "曝光次數", "曝光數", "曝光數量",
        "visninger", "eksponeringer", "annonsevisninger",
    ]),
    (Role::Clicks, &[
        "clicks", "click", "link clicks",
        "点击", "点击量", "点击数", "点击次数",
        "點擊", "點擊量", "點擊數", "點擊次數", "點閱", "點閱數",
        "klikk", "klikk totalt",
    ]),
    (Role::Conversions, &[
        "conversions", "conversion", "purchases", "orders", "actions", "results",
        "转化", "转化数", "转化量", "转化次数", "订单", "订单数", "成交",
        "轉換", "轉換數", "轉換次數", "轉化", "轉化數", "訂單", "訂單數",
        "konverteringer", "konvertering", "bestillinger", "ordrer", "kjøp",
    ]),
    (Role::Visitors, &[
        "visitors", "sessions", "visits", "unique visitors", "users", "site visits", "website visitors",
        "访客", "访客数", "访客量", "访问量", "访问次数", "会话", "会话数", "访问",
        "訪客", "訪客數", "訪問量", "造訪次數", "工作階段", "工作階段數", "會話", "會話數",
        "besøkende", "økter", "besøk", "sesjoner", "unike besøkende",
    ]),
    (Role::Bounces, &[
        "bounces", "bounced sessions", "bounced visits",
        "跳出", "跳出数", "跳出次数", "跳出量",
        "跳出數", "跳出次數",
        "avvisninger", "fluktbesøk",
    ]),
    (Role::Leads, &[
        "leads", "lead", "prospects",
        "线索", "线索数", "销售线索", "潜在客户", "潜客",
        "線索", "線索數", "銷售線索", "潛在客戶", "名單", "名單數",
        "potensielle kunder", "emner",
    ]),
    (Role::Mqls, &[
        "mqls", "mql", "marketing qualified leads", "marketing qualified lead",
        "营销合格线索", "市场认可线索", "营销认可线索",
        "行銷合格名單", "行銷合格線索", "行銷認可名單",
        "markedskvalifiserte leads", "markedskvalifiserte emner",
    ]),
    (Role::Sqls, &[
        "sqls", "sql", "sales qualified leads", "sales qualified lead",
        "销售合格线索", "销售认可线索",
        "銷售合格名單", "銷售合格線索", "銷售認可名單",
        "salgskvalifiserte leads", "salgskvalifiserte emner",
    ]),
    (Role::NewCustomers, &[
        "new customers", "new customer", "customers acquired", "acquisitions", "new clients",
        "新客户", "新客户数", "新增客户", "新增客户数", "新客",
        "新客戶", "新客戶數", "新增客戶", "新增客戶數",
        "nye kunder", "nykunder", "antall nye kunder",
    ]),
    (Role::CustomersLost, &[
        "customers lost", "lost customers", "churned customers", "churned", "churn",
        "流失客户", "流失客户数", "客户流失", "流失",
        "流失客戶", "流失客戶數", "客戶流失",
        "tapte kunder", "mistede kunder", "kundefrafall", "frafalte kunder",
    ]),
    (Role::CustomersStart, &[
        "customers start", "customers at start", "starting customers", "customers at start of period",
        "opening customers", "start customers",
        "期初客户", "期初客户数",
        "期初客戶", "期初客戶數",
        "kunder ved start", "kunder ved periodens start", "kunder i starten",
    ]),
    (Role::CustomersEnd, &[
        "customers end", "customers at end", "ending customers", "customers at end of period",
        "closing customers", "end customers",
        "期末客户", "期末客户数",
        "期末客戶", "期末客戶數",
        "kunder ved slutt", "kunder ved periodens slutt", "kunder på slutten",
    ]),
    (Role::PageViews, &[
        "page views", "pageviews", "views", "pages viewed",
        "浏览量", "页面浏览量", "页面浏览", "pv",
        "瀏覽量", "網頁瀏覽量", "頁面瀏覽量",
        "sidevisninger",
    ]),
    (Role::Engagements, &[
        "engagements", "engagement", "interactions",
        "互动", "互动量", "互动数", "互动次数",
        "互動", "互動量", "互動數", "互動次數",
        "engasjement", "engasjementer", "interaksjoner",
    ]),
    (Role::Channel, &[
        "channel", "channels", "source", "medium", "source medium", "platform", "network", "marketing channel",
        "渠道", "频道", "平台", "推广渠道", "投放渠道",
        "通路", "管道", "頻道", "行銷渠道", "行銷通路",
        "kanal", "kanaler", "plattform", "markedsføringskanal",
    ]),
    (Role::Campaign, &[
        "campaign", "campaigns", "campaign name", "ad campaign",
        "活动", "广告活动", "营销活动", "推广计划", "计划", "活动名称",
        "活動", "廣告活動", "行銷活動", "活動名稱",
        "kampanje", "kampanjer", "kampanjenavn",
    ]),
    (Role::Date, &[
        "date", "day", "week", "month", "period", "reporting period",
        "日期", "时间", "月份", "周", "期间",
        "時間", "週", "期間",
        "dato", "dag", "uke", "måned", "periode",
    ]),
];

/// Registry parameters fed from a column, where the parameter's own name is not a
/// synonym of the role: `(function id or "*" for any function, parameter name, role)`.
/// Parameters not listed here are matched by name against [`SYNONYMS`]; a parameter
/// that matches nothing is not a column, and a KPI that needs it is left out of reports.
pub const PARAM_ROLES: &[(&str, &str, Role)] = &[
    ("*", "ad_spend", Role::Spend),
    ("CPA", "actions", Role::Conversions),
];

/// Units and currencies dropped from headers: `Spend (USD)`, `Kostnad kr`, `花费（元）`.
const UNITS: &[&str] = &[
    "usd", "eur", "nok", "sek", "dkk", "gbp", "cny", "rmb", "jpy", "twd", "ntd", "hkd", "chf", "kr", "nt", "元", "美元",
    "人民币", "人民幣", "新台币", "新台幣", "港元", "港币", "港幣", "円", "count", "number", "antall", "num", "no", "qty",
    "个", "個", "次", "total", "totalt", "sum", "of",
];

/// Header text reduced to what identifies it: lower case, units and bracketed notes
/// removed, spaces and punctuation dropped. `"Ad Spend (USD)"` → `"adspend"`.
pub fn normalize(header: &str) -> String {
    let mut out = squash(header);
    // 总花费 / 總費用: a leading "total" character in Chinese.
    for prefix in ["总", "總"] {
        if let Some(rest) = out.strip_prefix(prefix) {
            if !rest.is_empty() && lookup().contains_key(rest) {
                out = rest.to_string();
            }
        }
    }
    out
}

/// [`normalize`] without the lookup-dependent step, so the table can be built with it.
fn squash(header: &str) -> String {
    let lower = header.trim().to_lowercase();
    // Bracketed notes are units or comments (`Spend (USD)`, `花费（元）`), unless they are all there is.
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in lower.chars() {
        match c {
            '(' | '[' | '（' | '【' | '［' => depth += 1,
            ')' | ']' | '）' | '】' | '］' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let text = if outside.trim().is_empty() { lower.as_str() } else { outside.as_str() };
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || is_separator(c))
        .map(|w| w.chars().filter(|c| !is_currency(*c) && !is_separator(*c)).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    let kept: Vec<&str> = words.iter().map(String::as_str).filter(|w| !UNITS.contains(w)).collect();
    // A header made only of "unit" words ("Total", "Number") is itself the name.
    let chosen: Vec<&str> = if kept.is_empty() { words.iter().map(String::as_str).collect() } else { kept };
    chosen.concat()
}

fn is_separator(c: char) -> bool {
    matches!(c, '_' | '-' | '/' | '.' | ':' | ',' | '#' | '*' | '%' | '|' | '·' | '：' | '、' | '\'' | '"' | '&' | '+')
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '￥' | '₩' | '₹')
}

fn lookup() -> &'static HashMap<String, Role> {
    static MAP: OnceLock<HashMap<String, Role>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (role, names) in SYNONYMS {
            for n in *names {
                m.insert(squash(n), *role);
            }
        }
        m
    })
}

/// The role a header names, if any.
pub fn role_of_header(header: &str) -> Option<Role> {
    let n = normalize(header);
    if n.is_empty() {
        return None;
    }
    lookup().get(&n).copied()
}

/// The role that feeds parameter `param` of function `function_id`, if it is a column.
/// Only additive (Amount) parameters can be fed from a column: a group's value is its sum.
pub fn role_of_param(f: &Function, param: &str) -> Option<Role> {
    let p = f.params.iter().find(|p| p.name == param)?;
    if p.kind != ParamKind::Amount {
        return None;
    }
    let explicit = PARAM_ROLES
        .iter()
        .find(|(fid, name, _)| (*fid == "*" || fid.eq_ignore_ascii_case(f.id)) && *name == param)
        .map(|(_, _, r)| *r);
    explicit.or_else(|| lookup().get(&squash(param)).copied()).filter(|r| r.is_measure())
}

/// A few names per role, for messages ("the names it knows").
pub fn known_names(role: Role) -> Vec<&'static str> {
    let all = SYNONYMS.iter().find(|(r, _)| *r == role).map(|(_, n)| *n).unwrap_or(&[]);
    let mut out: Vec<&'static str> = all.iter().take(3).copied().collect();
    // One name per other language: the first that is not ASCII, and the first Norwegian one.
    if let Some(zh) = all.iter().find(|n| !n.is_ascii()) {
        out.push(zh);
    }
    if let Some(no) = all.iter().rev().find(|n| n.is_ascii() && !out.contains(n)) {
        out.push(no);
    }
    out
}
