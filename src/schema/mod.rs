//! Tencent Cloud's machine-readable API descriptions, reduced to the structure of each
//! action's output: member names, types, and the required and null flags. Prose is dropped.

mod builtin;
mod compact;
mod datetime;
mod model;
mod union;

use crate::Site;

pub(crate) use model::{Member, Object, Shape};
pub use model::{Schema, SchemaError};

impl Schema {
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
        for (alias, service) in crate::service::aliases() {
            assert!(Schema::is_builtin_service(service), "{alias} -> {service}");
        }
    }
}
