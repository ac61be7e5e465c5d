//! The fact format, version 1: the contract users write by hand.
//!
//! These types are what a fact file *says*, field for field; they are deserialised with
//! `deny_unknown_fields` so a typo is an error, and they generate the published JSON
//! Schema (`schema/facts.schema.json`). Field names and meanings never change; new fields
//! may only be added as optional ones. Dates stay strings here: turning them into
//! [`crate::date::FuzzyDate`]s is validation's job, so that a bad date becomes a located
//! diagnostic rather than a parse failure of the whole file.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The pattern every id must match.
pub const ID_PATTERN: &str = "^[A-Za-z0-9_.-]+$";
/// The pattern of an EDTF date as polity reads it.
pub const DATE_PATTERN: &str = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?$";

/// One fact file: any mix of vocabulary, sources, actors and relations.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "polity fact file (format version 1)")]
pub struct FactFile {
    /// Path or URL of this schema, for editors; polity ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Relation types that fact files may use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vocabulary: Vec<RelationType>,
    /// Documents that support relations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// States, alliances, organisations, government bodies, persons, armed groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    /// Dated events and ties between two actors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
}

/// What sort of actor this is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum ActorKind {
    State,
    Alliance,
    Organization,
    #[value(alias = "government-body")]
    GovernmentBody,
    Person,
    #[value(alias = "armed-group")]
    ArmedGroup,
    Other,
}

impl ActorKind {
    /// Every kind, in the order the format lists them.
    pub const ALL: [ActorKind; 7] = [
        ActorKind::State,
        ActorKind::Alliance,
        ActorKind::Organization,
        ActorKind::GovernmentBody,
        ActorKind::Person,
        ActorKind::ArmedGroup,
        ActorKind::Other,
    ];

    /// The name used in fact files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Alliance => "alliance",
            ActorKind::Organization => "organization",
            ActorKind::GovernmentBody => "government_body",
            ActorKind::Person => "person",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::Other => "other",
        }
    }
}

/// A state, alliance, organisation, government body, person or armed group.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Stable identity, unique across all files; ISO 3166 alpha-3 for states (`MLI`).
    #[schemars(extend("pattern" = ID_PATTERN))]
    pub id: String,
    /// The display name, in English.
    pub name: String,
    /// What sort of actor this is.
    pub kind: ActorKind,
    /// Names by language tag, e.g. `{"de": "Russland", "fr": "Russie"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    /// Other names the actor is known by (abbreviations, capitals standing for governments).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-3 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = "^[A-Z]{3}$"))]
    pub iso3: Option<String>,
    /// Wikidata item id, `Q…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = "^Q[1-9][0-9]*$"))]
    pub wikidata: Option<String>,
    /// One or two sentences on who this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the actor came into being (EDTF date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = DATE_PATTERN))]
    pub start: Option<String>,
    /// When the actor ceased to exist (EDTF date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = DATE_PATTERN))]
    pub end: Option<String>,
}

/// A document that supports relations.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable identity, unique across all files.
    #[schemars(extend("pattern" = ID_PATTERN))]
    pub id: String,
    /// Where the document can be read (http or https).
    #[schemars(extend("pattern" = "^https?://"))]
    pub url: String,
    /// The document's title as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published (EDTF date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = DATE_PATTERN))]
    pub published: Option<String>,
    /// The document's language tag, e.g. `en`, `fr`, `de`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// When a curator last read it (EDTF date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = DATE_PATTERN))]
    pub retrieved: Option<String>,
}

/// How well a relation is established.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Established by several independent or official sources.
    Confirmed,
    /// Reported by a credible source (the default).
    #[default]
    Reported,
    /// Asserted by a party (see `claimed_by`), not established.
    Claimed,
    /// Contested by other sources.
    Disputed,
}

impl Confidence {
    /// The name used in fact files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Reported => "reported",
            Confidence::Claimed => "claimed",
            Confidence::Disputed => "disputed",
        }
    }
}

/// A dated event or tie from one actor to another.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Stable identity, unique across all files.
    #[schemars(extend("pattern" = ID_PATTERN))]
    pub id: String,
    /// A relation type id from the vocabulary.
    #[serde(rename = "type")]
    pub kind: String,
    /// The acting or first actor's id.
    pub from: String,
    /// The receiving or second actor's id.
    pub to: String,
    /// When the event happened (events only; EDTF date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = DATE_PATTERN))]
    pub date: Option<String>,
    /// When the tie began (ties only; EDTF date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = DATE_PATTERN))]
    pub start: Option<String>,
    /// When the tie ended (ties only; EDTF date); absent while it is ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = DATE_PATTERN))]
    pub end: Option<String>,
    /// One sentence saying what happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Ids of the sources that support this relation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The exact words of a source that support this relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// How well the relation is established; `reported` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The actor whose claim this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<String>,
    /// True when the tie ended at a date no source gives (ties only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<bool>,
}

/// Whether a relation type happens on a date or holds over a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// Happens on a date (`date`).
    Event,
    /// Holds from `start` to `end`.
    Tie,
}

/// Whether a relation type brings actors together, sets them against each other, or neither.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    Cooperative,
    Conflictual,
    Neutral,
    Structural,
}

impl Polarity {
    /// The name used in fact files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Cooperative => "cooperative",
            Polarity::Conflictual => "conflictual",
            Polarity::Neutral => "neutral",
            Polarity::Structural => "structural",
        }
    }
}

/// A relation type: data, not code, so curators can add types without recompiling.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelationType {
    /// The id relations use in `type`. `member_of` is reserved: a directed tie from the
    /// member to the organisation.
    #[schemars(extend("pattern" = ID_PATTERN))]
    pub id: String,
    /// How the relation reads from `from` to `to`, e.g. "signed a memorandum of understanding with".
    pub label: String,
    /// How it reads from `to` to `from`, e.g. "has as member".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverse_label: Option<String>,
    /// `event` (has a `date`) or `tie` (has a `start` and maybe an `end`).
    pub kind: TypeKind,
    /// Whether `from` and `to` play different roles; `true` when absent.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub directed: bool,
    /// Cooperative, conflictual, neutral or structural.
    pub polarity: Polarity,
    /// Events only: the tie type this event starts between the same two actors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<String>,
    /// Events only: the tie types this event ends between the same two actors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closes: Vec<String>,
    /// CAMEO event code, e.g. `057`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("pattern" = "^[0-9]{2,4}$"))]
    pub cameo: Option<String>,
    /// PLOVER event type, e.g. `AGREE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
}

fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_true(b: &bool) -> bool {
    *b
}

/// The JSON Schema of a fact file, pretty-printed with a trailing newline.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(FactFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
