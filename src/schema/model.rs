//! What a description holds: the structure of each action's output, and how it is read from
//! an `api.json` description.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::datetime;

/// The structure of one product version's action outputs, read from the `api.json`
/// description Tencent Cloud publishes (the one its command-line tool ships).
///
/// ```
/// use tencentcloud_envelope::Schema;
///
/// let cbs = Schema::builtin("cbs", "2017-03-12").ok_or("not built in")?;
/// assert_eq!((cbs.service(), cbs.version()), ("cbs", "2017-03-12"));
/// assert!(cbs.has_action("DescribeDisks"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Schema {
    pub(super) service: String,
    pub(super) version: String,
    /// Action name to the index of its output object.
    pub(super) actions: HashMap<String, usize>,
    pub(super) objects: Vec<Object>,
}

#[derive(Debug, Clone)]
pub(crate) struct Object {
    pub(crate) name: String,
    /// Sorted by name.
    pub(crate) members: Vec<Member>,
    /// Member name to its index in `members`: one hash per key read beats a binary search.
    pub(crate) by_name: HashMap<String, usize, foldhash::fast::RandomState>,
}

#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub(crate) name: String,
    pub(crate) shape: Shape,
    pub(crate) list: bool,
    pub(crate) required: bool,
    pub(crate) nullable: bool,
    /// Where the two sites describe the member with different types: the other site's shape
    /// and list flag, accepted as well (see `union`).
    pub(crate) alternative: Option<(Shape, bool)>,
}

/// The JSON a member's value (or each element, for a list) must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    String,
    DateTime,
    DateTimeIso,
    Date,
    Int64,
    UInt64,
    Float,
    Bool,
    Object(usize),
}

impl Shape {
    /// The description's own name for the shape, as in `member`.
    fn scalar_name(self) -> &'static str {
        match self {
            Shape::String => "string",
            Shape::DateTime => "datetime",
            Shape::DateTimeIso => "datetime_iso",
            Shape::Date => "date",
            Shape::Int64 => "int64",
            Shape::UInt64 => "uint64",
            Shape::Float => "float",
            Shape::Bool => "bool",
            Shape::Object(_) => "object",
        }
    }

    /// Checks a string value against a date or time shape.
    pub(crate) fn accepts_text(self, text: &str) -> bool {
        match self {
            Shape::String => true,
            Shape::DateTime => datetime::is_datetime(text),
            Shape::DateTimeIso => datetime::is_datetime_iso(text),
            Shape::Date => datetime::is_date(text),
            _ => false,
        }
    }
}

/// Why a description could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// The text is not JSON of the description's shape.
    #[error("not an API description")]
    Json(#[from] serde_json::Error),
    /// A member refers to an object the description does not define.
    #[error("member `{member}` of `{object}` refers to the undefined object `{target}`")]
    UndefinedObject {
        /// The object holding the member.
        object: String,
        /// The member.
        member: String,
        /// The name it refers to.
        target: String,
    },
    /// An action's output names an object the description does not define.
    #[error("the output of action `{action}` is the undefined object `{target}`")]
    UndefinedOutput {
        /// The action.
        action: String,
        /// The object it names.
        target: String,
    },
    /// A line of the compact form does not read.
    #[error("line {line} of a compact description: {reason}")]
    Compact {
        /// The 1-based line, or 0 for the description as a whole.
        line: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
}

#[derive(Deserialize)]
struct Wire {
    metadata: WireMetadata,
    actions: BTreeMap<String, WireAction>,
    objects: BTreeMap<String, WireObject>,
}

#[derive(Deserialize)]
struct WireMetadata {
    #[serde(rename = "serviceShortName")]
    service: String,
    #[serde(rename = "apiVersion")]
    version: String,
}

#[derive(Deserialize)]
struct WireAction {
    output: String,
}

#[derive(Deserialize)]
struct WireObject {
    members: Vec<WireMember>,
}

#[derive(Deserialize)]
struct WireMember {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    member: String,
    #[serde(default)]
    output_required: Option<bool>,
    #[serde(default)]
    value_allowed_null: Option<bool>,
}

impl Schema {
    /// Reads an `api.json` description, keeping the objects that action outputs reach.
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// let text = r#"{"metadata": {"serviceShortName": "demo", "apiVersion": "2020-01-01"},
    ///   "actions": {"Ping": {"output": "PingResponse"}},
    ///   "objects": {"PingResponse": {"members": [
    ///     {"name": "Pong", "type": "int", "member": "uint64", "output_required": true}]}}}"#;
    /// let schema = Schema::from_api_json(text)?;
    /// assert!(schema.has_action("Ping"));
    /// # Ok::<(), tencentcloud_envelope::SchemaError>(())
    /// ```
    ///
    /// # Errors
    /// When the text is not a description, or refers to objects it does not define.
    pub fn from_api_json(text: &str) -> Result<Schema, SchemaError> {
        let wire: Wire = serde_json::from_str(text)?;
        let mut builder = Builder {
            wire: &wire,
            index: HashMap::new(),
            objects: Vec::new(),
        };
        let mut actions = HashMap::new();
        for (action, definition) in &wire.actions {
            let output = builder.object(&definition.output).map_err(|target| {
                SchemaError::UndefinedOutput {
                    action: action.clone(),
                    target,
                }
            })?;
            actions.insert(action.clone(), output);
        }
        builder.resolve()?;
        Ok(Schema {
            service: wire.metadata.service.clone(),
            version: wire.metadata.version.clone(),
            actions,
            objects: builder.objects,
        })
    }

    /// The product's short service name (`cbs`).
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The API version (`2017-03-12`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether the description has `action`.
    pub fn has_action(&self, action: &str) -> bool {
        self.actions.contains_key(action)
    }

    /// The action names, sorted.
    pub fn actions(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.actions.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    pub(crate) fn output(&self, action: &str) -> Option<usize> {
        self.actions.get(action).copied()
    }

    pub(crate) fn object(&self, index: usize) -> Option<&Object> {
        self.objects.get(index)
    }

    /// Writes the description back in the `api.json` shape with only what the crate keeps, for
    /// tools that read that shape.
    pub fn to_api_json(&self) -> String {
        let objects: serde_json::Map<String, serde_json::Value> = self
            .objects
            .iter()
            .map(|object| {
                let members: Vec<serde_json::Value> =
                    object.members.iter().map(|m| self.wire_member(m)).collect();
                (
                    object.name.clone(),
                    serde_json::json!({ "members": members }),
                )
            })
            .collect();
        let mut actions: Vec<(&String, &usize)> = self.actions.iter().collect();
        actions.sort();
        let actions: serde_json::Map<String, serde_json::Value> = actions
            .into_iter()
            .map(|(action, &output)| {
                let name = self.objects.get(output).map_or("", |o| o.name.as_str());
                (action.clone(), serde_json::json!({ "output": name }))
            })
            .collect();
        let document = serde_json::json!({
            "metadata": {"serviceShortName": self.service, "apiVersion": self.version},
            "actions": actions,
            "objects": objects,
        });
        serde_json::to_string_pretty(&document).unwrap_or_default()
    }

    fn wire_member(&self, member: &Member) -> serde_json::Value {
        let (kind, element) = match member.shape {
            Shape::Object(index) => (
                if member.list { "list" } else { "object" },
                self.objects.get(index).map_or("", |o| o.name.as_str()),
            ),
            scalar => {
                let kind = match scalar {
                    Shape::Int64 | Shape::UInt64 => "int",
                    Shape::Float => "float",
                    Shape::Bool => "bool",
                    _ => "string",
                };
                (
                    if member.list { "list" } else { kind },
                    scalar.scalar_name(),
                )
            }
        };
        serde_json::json!({
            "name": member.name,
            "type": kind,
            "member": element,
            "output_required": member.required,
            "value_allowed_null": member.nullable,
        })
    }
}

/// Resolves object names to indices, taking only the objects outputs reach.
struct Builder<'w> {
    wire: &'w Wire,
    index: HashMap<&'w str, usize>,
    objects: Vec<Object>,
}

impl<'w> Builder<'w> {
    /// The index of object `name`, reserving one for it when first met.
    fn object(&mut self, name: &'w str) -> Result<usize, String> {
        if let Some(&index) = self.index.get(name) {
            return Ok(index);
        }
        if !self.wire.objects.contains_key(name) {
            return Err(name.to_owned());
        }
        let index = self.objects.len();
        self.index.insert(name, index);
        self.objects.push(Object {
            name: name.to_owned(),
            members: Vec::new(),
            by_name: HashMap::default(),
        });
        Ok(index)
    }

    /// Fills in the members of every reserved object, reserving the objects they reach.
    fn resolve(&mut self) -> Result<(), SchemaError> {
        let mut next = 0;
        while let Some(name) = self.objects.get(next).map(|o| o.name.clone()) {
            let wire = self.wire;
            let Some((_, definition)) = wire.objects.get_key_value(name.as_str()) else {
                next += 1;
                continue;
            };
            let mut members = Vec::with_capacity(definition.members.len());
            for member in &definition.members {
                let (shape, list) = match (member.kind.as_str(), scalar(&member.member)) {
                    ("list", Some(shape)) => (shape, true),
                    (kind @ ("list" | "object"), None) => {
                        let index = self.object(&member.member).map_err(|target| {
                            SchemaError::UndefinedObject {
                                object: name.clone(),
                                member: member.name.clone(),
                                target,
                            }
                        })?;
                        (Shape::Object(index), kind == "list")
                    }
                    (kind, shape) => (
                        shape.unwrap_or(match kind {
                            "int" => Shape::Int64,
                            "float" => Shape::Float,
                            "bool" => Shape::Bool,
                            _ => Shape::String,
                        }),
                        false,
                    ),
                };
                members.push(Member {
                    name: member.name.clone(),
                    shape,
                    list,
                    required: member.output_required == Some(true),
                    nullable: member.value_allowed_null != Some(false),
                    alternative: None,
                });
            }
            members.sort_by(|a, b| a.name.cmp(&b.name));
            if let Some(object) = self.objects.get_mut(next) {
                object.by_name = members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.name.clone(), i))
                    .collect();
                object.members = members;
            }
            next += 1;
        }
        Ok(())
    }
}

/// The scalar shape a `member` name stands for, if it is one.
fn scalar(name: &str) -> Option<Shape> {
    Some(match name {
        "string" => Shape::String,
        "datetime" => Shape::DateTime,
        "datetime_iso" => Shape::DateTimeIso,
        "date" => Shape::Date,
        "int64" => Shape::Int64,
        "uint64" => Shape::UInt64,
        "float" => Shape::Float,
        "bool" => Shape::Bool,
        _ => return None,
    })
}

impl Object {
    /// An object of `members`, sorted by name and indexed.
    pub(crate) fn new(name: String, mut members: Vec<Member>) -> Object {
        members.sort_by(|a, b| a.name.cmp(&b.name));
        let by_name = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.clone(), i))
            .collect();
        Object {
            name,
            members,
            by_name,
        }
    }

    /// The member called `name`, with its index in `members`.
    pub(crate) fn member(&self, name: &str) -> Option<(usize, &Member)> {
        let &index = self.by_name.get(name)?;
        Some((index, self.members.get(index)?))
    }
}

impl Shape {
    /// What a value of this shape (or a list of them) should be, in words, for messages.
    pub(crate) fn describe(self, schema: &Schema, list: bool) -> String {
        let shape = match self {
            Shape::Object(index) => schema
                .object(index)
                .map_or("object", |o| o.name.as_str())
                .to_owned(),
            scalar => scalar.scalar_name().to_owned(),
        };
        if list {
            format!("a list of {shape}")
        } else {
            shape
        }
    }
}
