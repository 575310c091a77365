//! Tencent Cloud's machine-readable API descriptions, reduced to the structure of each
//! action's output: member names, types, and the required and null flags. Prose is dropped.

mod builtin;
mod compact;
mod datetime;
mod union;

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::Site;

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
    service: String,
    version: String,
    /// Action name to the index of its output object.
    actions: HashMap<String, usize>,
    objects: Vec<Object>,
}

#[derive(Debug, Clone)]
pub(crate) struct Object {
    pub(crate) name: String,
    /// Sorted by name.
    pub(crate) members: Vec<Member>,
    /// Member name to its index in `members`: one hash per key read beats a binary search.
    by_name: HashMap<String, usize, foldhash::fast::RandomState>,
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

    /// The built-in description of `service` (ASCII case ignored) at `version`, decoded on
    /// first use. Every product version either site publishes is built in; where both sites
    /// describe it, this is their union: a member either documents is known, a member is
    /// required only where both require it, and where they disagree on a member's type a
    /// value of either type is accepted ([`builtin_on`](Self::builtin_on) reads one site's).
    /// A service is named as in its host (`as`); a product's other name in Tencent's own
    /// documentation and SDKs (`autoscaling`) is taken too.
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// let cvm = Schema::builtin("cvm", "2017-03-12").ok_or("not built in")?;
    /// assert!(cvm.has_action("DescribeInstances"));
    /// assert!(Schema::builtin("cvm", "2099-01-01").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin(service: &str, version: &str) -> Option<&'static Schema> {
        builtin::find(service, version, None)
    }

    /// The built-in description as `site` reads it: one site's, or both (their union) for
    /// `None`. The validator's single entry point for its `site` option.
    pub(crate) fn builtin_read(
        site: Option<Site>,
        service: &str,
        version: &str,
    ) -> Option<&'static Schema> {
        builtin::find(service, version, site)
    }

    /// The newest built-in description as `site` reads it (see `builtin_read`).
    pub(crate) fn builtin_newest_read(
        site: Option<Site>,
        service: &str,
    ) -> Option<&'static Schema> {
        builtin::newest(service, site)
    }

    /// The built-in versions as `site` reads them (see `builtin_read`).
    pub(crate) fn builtin_versions_read(
        site: Option<Site>,
        service: &str,
    ) -> impl Iterator<Item = &'static str> + use<> {
        builtin::versions_of(service, site)
    }

    /// The built-in description of `service` at `version` as `site` publishes it alone.
    ///
    /// ```
    /// use tencentcloud_envelope::{Schema, Site};
    ///
    /// // The China site describes this version; the international site does not.
    /// assert!(Schema::builtin_on(Site::China, "aai", "2018-05-22").is_some());
    /// assert!(Schema::builtin_on(Site::International, "aai", "2018-05-22").is_none());
    /// assert_eq!(Schema::builtin_sites("cvm", "2017-03-12"), [Site::International, Site::China]);
    /// ```
    pub fn builtin_on(site: Site, service: &str, version: &str) -> Option<&'static Schema> {
        builtin::find(service, version, Some(site))
    }

    /// The sites that publish a description of `service` at `version`.
    pub fn builtin_sites(service: &str, version: &str) -> &'static [Site] {
        builtin::sites_of(service, version)
    }

    /// The newest built-in description of `service` (ASCII case ignored) across both sites,
    /// decoded on first use.
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// let clb = Schema::builtin_newest("clb").ok_or("not built in")?;
    /// assert_eq!(clb.version(), "2023-04-17");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin_newest(service: &str) -> Option<&'static Schema> {
        builtin::newest(service, None)
    }

    /// The newest built-in description of `service` that `site` publishes, as it publishes it.
    pub fn builtin_newest_on(site: Site, service: &str) -> Option<&'static Schema> {
        builtin::newest(service, Some(site))
    }

    /// Every built-in product version of either site as `(service, version)`, sorted by
    /// service then version; listing them decodes none.
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// let clb: Vec<&str> = Schema::builtin_index()
    ///     .filter(|(service, _)| *service == "clb")
    ///     .map(|(_, version)| version)
    ///     .collect();
    /// assert_eq!(clb, ["2018-03-17", "2023-04-17"]);
    /// ```
    pub fn builtin_index() -> impl Iterator<Item = (&'static str, &'static str)> {
        builtin::index(None)
    }

    /// Every product version `site` publishes, as [`builtin_index`](Self::builtin_index).
    pub fn builtin_index_on(site: Site) -> impl Iterator<Item = (&'static str, &'static str)> {
        builtin::index(Some(site))
    }

    /// The built-in versions of `service` (ASCII case ignored) on either site, oldest first;
    /// none decoded.
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// let versions: Vec<&str> = Schema::builtin_versions("clb").collect();
    /// assert_eq!(versions, ["2018-03-17", "2023-04-17"]);
    /// ```
    pub fn builtin_versions(service: &str) -> impl Iterator<Item = &'static str> + use<> {
        builtin::versions_of(service, None)
    }

    /// The versions of `service` that `site` publishes, oldest first; none decoded.
    pub fn builtin_versions_on(
        site: Site,
        service: &str,
    ) -> impl Iterator<Item = &'static str> + use<> {
        builtin::versions_of(service, Some(site))
    }

    /// Whether any built-in description is of `service` (ASCII case ignored).
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// assert!(Schema::is_builtin_service("vpc") && Schema::is_builtin_service("autoscaling"));
    /// assert!(!Schema::is_builtin_service("nosuch"));
    /// ```
    pub fn is_builtin_service(service: &str) -> bool {
        builtin::has_service(service, None)
    }

    /// How many built-in descriptions this process has decoded so far: each is decoded the
    /// first time it is asked for, and kept.
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// Schema::builtin("tag", "2018-08-13").ok_or("not built in")?;
    /// assert!(Schema::builtins_decoded() >= 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtins_decoded() -> usize {
        builtin::decoded_count()
    }

    /// Reads the compact form [`Schema::to_compact`] writes (the form built into the crate).
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// let schema = Schema::from_compact("demo 2020-01-01\n>Ping 0\n#PingResponse\nPong u!-\n")?;
    /// assert!(schema.has_action("Ping"));
    /// assert_eq!(Schema::from_compact(&schema.to_compact())?.to_api_json(), schema.to_api_json());
    /// # Ok::<(), tencentcloud_envelope::SchemaError>(())
    /// ```
    ///
    /// # Errors
    /// [`SchemaError::Compact`] when a line does not read, or an index points past the objects.
    pub fn from_compact(text: &str) -> Result<Schema, SchemaError> {
        compact::read(text)
    }

    /// Writes the description in the crate's compact form: one line per action, object and
    /// member, structure only. Names must not hold line breaks (none in Tencent's do).
    ///
    /// ```
    /// use tencentcloud_envelope::Schema;
    ///
    /// let text = r#"{"metadata": {"serviceShortName": "demo", "apiVersion": "2020-01-01"},
    ///   "actions": {"Ping": {"output": "PingResponse"}},
    ///   "objects": {"PingResponse": {"members": [
    ///     {"name": "Pong", "type": "list", "member": "datetime", "output_required": true}]}}}"#;
    /// let compact = Schema::from_api_json(text)?.to_compact();
    /// assert_eq!(compact, "demo 2020-01-01\n>Ping 0\n#PingResponse\nPong *t!\n");
    /// # Ok::<(), tencentcloud_envelope::SchemaError>(())
    /// ```
    pub fn to_compact(&self) -> String {
        compact::write(self)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_cbs_schema_parses() {
        let cbs = Schema::builtin_on(Site::International, "cbs", "2017-03-12")
            .expect("the embedded description parses");
        assert_eq!(cbs.actions().len(), 44);
        let output = cbs
            .output("DescribeDisks")
            .and_then(|i| cbs.object(i))
            .unwrap();
        let (_, total) = output.member("TotalCount").unwrap();
        assert_eq!(
            (total.shape, total.list, total.required, total.nullable),
            (Shape::UInt64, false, true, false)
        );
        let (_, disks) = output.member("DiskSet").unwrap();
        assert!(disks.list && matches!(disks.shape, Shape::Object(_)));
        assert!(Schema::builtin("cbs", "2099-01-01").is_none());
    }

    #[test]
    fn an_undefined_object_is_an_error() {
        let text = r#"{"metadata": {"serviceShortName": "x", "apiVersion": "1"},
            "actions": {"A": {"output": "AResponse"}},
            "objects": {"AResponse": {"members": [{"name": "B", "type": "object", "member": "Nowhere"}]}}}"#;
        let error = Schema::from_api_json(text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "member `B` of `AResponse` refers to the undefined object `Nowhere`"
        );
    }

    #[test]
    fn the_compact_form_reads_back_the_same() {
        let cbs = Schema::builtin("cbs", "2017-03-12").unwrap();
        let again = Schema::from_compact(&cbs.to_compact()).unwrap();
        assert_eq!(again.to_compact(), cbs.to_compact());
        assert_eq!(again.to_api_json(), cbs.to_api_json());
        let via_json = Schema::from_api_json(&cbs.to_api_json()).unwrap();
        assert_eq!(via_json.to_api_json(), cbs.to_api_json());
    }

    #[test]
    fn compact_members_read_every_flag() {
        let schema =
            Schema::from_compact("x 1\n>A 0\n#AResponse\nB *1!-\nC t\nD z!\nE *s-\n#Inner\nF b\n")
                .unwrap();
        let output = schema.object(schema.output("A").unwrap()).unwrap();
        let shapes: Vec<(&str, Shape, bool, bool, bool)> = output
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.shape, m.list, m.required, m.nullable))
            .collect();
        assert_eq!(
            shapes,
            [
                ("B", Shape::Object(1), true, true, false),
                ("C", Shape::DateTime, false, false, true),
                ("D", Shape::DateTimeIso, false, true, true),
                ("E", Shape::String, true, false, false),
            ]
        );
    }

    proptest::proptest! {
        /// Any text either reads or names what is wrong; what reads is written back losing
        /// nothing.
        #[test]
        fn any_text_reads_as_a_compact_form_or_fails_cleanly(
            text in "[a-z]{1,3} [0-9]{1,2}\n((>[A-Z][a-z]? [0-9]\n)|(#[A-Z][a-z]?\n)|([A-Z][a-z]? \\*?[stzdiufb0-9][!]?-?\n)){0,12}|\\PC{0,40}",
        ) {
            if let Ok(schema) = Schema::from_compact(&text) {
                let again = Schema::from_compact(&schema.to_compact()).unwrap();
                proptest::prop_assert_eq!(again.to_api_json(), schema.to_api_json());
            }
        }
    }

    #[test]
    fn a_broken_compact_form_names_its_line() {
        let cases = [
            ("", 1),
            ("x\n", 1),
            ("x 1\n>A\n", 2),
            ("x 1\n>A b\n", 2),
            ("x 1\nB s\n", 2),
            ("x 1\n#O\nB q\n", 3),
            ("x 1\n#O\n>A 0\n", 3),
            ("x 1\n>A 1\n#O\n", 0),
            ("x 1\n>A 0\n#O\nB 7\n", 0),
        ];
        for (text, line) in cases {
            match Schema::from_compact(text) {
                Err(SchemaError::Compact { line: at, .. }) => assert_eq!(at, line, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn every_built_in_description_decodes_as_what_its_row_says() {
        let mut count = [0, 0];
        for &(service, version, texts) in builtin::DESCRIPTIONS {
            for (site, text) in texts.iter().enumerate() {
                let Some(text) = text else { continue };
                let schema =
                    Schema::from_compact(text).unwrap_or_else(|e| panic!("{service}: {e}"));
                assert_eq!((schema.service(), schema.version()), (service, version));
                assert!(!schema.actions.is_empty(), "{service} {version}");
                count[site] += 1;
            }
        }
        // The international site's 160 descriptions and the China site's 300.
        assert_eq!(count, [160, 300]);
        assert_eq!(Schema::builtin_index().count(), 315);
        let index: Vec<_> = Schema::builtin_index().collect();
        let mut sorted = index.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(index, sorted, "sorted and unique, for the binary search");
    }

    #[test]
    fn lookups_ignore_ascii_case_and_pick_the_newest() {
        assert_eq!(
            Schema::builtin("CVM", "2017-03-12").unwrap().service(),
            "cvm"
        );
        assert_eq!(
            Schema::builtin_newest("Vod").unwrap().version(),
            "2024-07-18"
        );
        assert_eq!(
            Schema::builtin_newest_on(Site::International, "vod")
                .unwrap()
                .version(),
            "2024-07-18"
        );
        assert!(Schema::builtin_newest("nosuch").is_none());
        assert!(Schema::is_builtin_service("tke") && !Schema::is_builtin_service("tk"));
        assert!(Schema::builtin("cvm", "2017-03-1").is_none());
    }

    #[test]
    fn both_sites_read_together_know_every_action_and_member_of_each() {
        let china = Schema::builtin_on(Site::China, "cvm", "2017-03-12").unwrap();
        let international = Schema::builtin_on(Site::International, "cvm", "2017-03-12").unwrap();
        let both = Schema::builtin("cvm", "2017-03-12").unwrap();
        for one in [china, international] {
            for action in one.actions() {
                assert!(both.has_action(action), "{action}");
                let (Some(ours), Some(theirs)) = (
                    both.output(action).and_then(|i| both.object(i)),
                    one.output(action).and_then(|i| one.object(i)),
                ) else {
                    panic!("{action}: no output object");
                };
                for member in &theirs.members {
                    let (_, merged) = ours.member(&member.name).unwrap();
                    assert!(
                        !merged.required || member.required,
                        "{action}.{}",
                        member.name
                    );
                    assert!(
                        merged.nullable || !member.nullable,
                        "{action}.{}",
                        member.name
                    );
                }
            }
        }
        assert!(both.actions().len() > international.actions().len());
    }

    #[test]
    fn a_member_the_sites_type_differently_accepts_either_type_and_no_other() {
        let site = |shape: Shape, list: bool| {
            let member = Member {
                name: "Count".to_owned(),
                shape,
                list,
                required: true,
                nullable: false,
                alternative: None,
            };
            Schema {
                service: "demo".to_owned(),
                version: "2020-01-01".to_owned(),
                actions: std::iter::once(("Get".to_owned(), 0)).collect(),
                objects: vec![Object::new("GetResponse".to_owned(), vec![member])],
            }
        };
        let both = site(Shape::Int64, false).union(&site(Shape::String, false));
        assert_eq!(
            both.disputed_members().collect::<Vec<_>>(),
            [("GetResponse", "Count")]
        );
        let mut validator = crate::Validator::new().schema(both);
        let id = "b5b41468-520d-4192-b42f-595cc34b6c1c";
        for (value, fits) in [
            ("3", true),
            ("\"3\"", true),
            ("true", false),
            ("[3]", false),
        ] {
            let body = format!(r#"{{"Response": {{"Count": {value}, "RequestId": "{id}"}}}}"#);
            let report = validator.validate_call(
                body.as_bytes(),
                crate::Call::new("demo").version("2020-01-01").action("Get"),
            );
            assert_eq!(
                !report.has(crate::Rule::SchemaTypeMismatch),
                fits,
                "{value}: {:?}",
                report.diagnostics()
            );
        }
    }

    #[test]
    fn a_product_is_found_by_its_other_name() {
        let by_alias = Schema::builtin("autoscaling", "2018-04-19").unwrap();
        let by_host = Schema::builtin("as", "2018-04-19").unwrap();
        assert!(std::ptr::eq(by_alias, by_host));
        assert_eq!(by_alias.service(), "as");
        assert_eq!(
            Schema::builtin_newest("AutoScaling").unwrap().service(),
            "as"
        );
        assert_eq!(Schema::builtin_versions("autoscaling").count(), 1);
        assert_eq!(
            Schema::builtin_sites("autoscaling", "2018-04-19"),
            [Site::International, Site::China]
        );
        for (alias, service) in builtin::ALIASES {
            assert!(Schema::is_builtin_service(service), "{alias} -> {service}");
        }
    }
}
