//! A JSON Schema (draft-07) checker for the keywords the project's schemas use (`schemas/`):
//! small enough to read in a minute, and far lighter to build than a general validator. A
//! keyword it does not know fails the test, so a schema cannot silently outgrow it.

use regex::Regex;
use serde_json::{Map, Value};

/// A compiled schema: the root document, against which `$ref`s resolve.
pub struct Schema {
    root: Value,
}

impl Schema {
    /// The schema in `text` (panics on a schema that is not JSON or uses unknown keywords).
    pub fn parse(text: &str) -> Schema {
        let root: Value = serde_json::from_str(text).expect("the schema is JSON");
        let schema = Schema { root };
        schema.check_keywords(&schema.root, "#");
        schema
    }

    /// Every place where `instance` breaks the schema, as "path: problem".
    pub fn errors(&self, instance: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(&self.root, instance, "", &mut errors);
        errors
    }

    /// Whether `instance` satisfies the schema.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.errors(instance).is_empty()
    }

    fn check_keywords(&self, schema: &Value, at: &str) {
        let Some(map) = schema.as_object() else { return };
        for (key, value) in map {
            match key.as_str() {
                "properties" | "definitions" => {
                    for (name, sub) in value.as_object().expect("an object of schemas") {
                        self.check_keywords(sub, &format!("{at}/{key}/{name}"));
                    }
                }
                "items" => self.check_keywords(value, &format!("{at}/items")),
                "$schema"
                | "$id"
                | "title"
                | "description"
                | "type"
                | "enum"
                | "const"
                | "$ref"
                | "required"
                | "additionalProperties"
                | "minimum"
                | "maximum"
                | "minLength"
                | "maxItems"
                | "pattern" => {}
                other => panic!("{at}: the schema checker does not know the keyword {other:?}"),
            }
        }
    }

    fn resolve<'a>(&'a self, reference: &str) -> &'a Value {
        let pointer = reference.strip_prefix('#').expect("only references inside the schema");
        self.root.pointer(pointer).unwrap_or_else(|| panic!("no {reference} in the schema"))
    }

    fn check(&self, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
        let Some(s) = schema.as_object() else { return };
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            self.check(self.resolve(r), v, path, errors);
        }
        let mut fail =
            |problem: String| errors.push(format!("{}: {problem}", if path.is_empty() { "/" } else { path }));
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(one) => vec![one.as_str()],
                Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                _ => panic!("a type is a name or a list of names"),
            };
            if !types.iter().any(|t| has_type(v, t)) {
                fail(format!("{v} is not of type {types:?}"));
                return;
            }
        }
        if let Some(options) = s.get("enum").and_then(Value::as_array) {
            if !options.contains(v) {
                fail(format!("{v} is not one of {options:?}"));
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                fail(format!("{v} is not {c}"));
            }
        }
        if let Some(n) = v.as_f64() {
            if s.get("minimum").and_then(Value::as_f64).is_some_and(|min| n < min) {
                fail(format!("{n} is below the minimum"));
            }
            if s.get("maximum").and_then(Value::as_f64).is_some_and(|max| n > max) {
                fail(format!("{n} is above the maximum"));
            }
        }
        if let Some(text) = v.as_str() {
            if s.get("minLength")
                .and_then(Value::as_u64)
                .is_some_and(|min| (text.chars().count() as u64) < min)
            {
                fail(format!("{text:?} is too short"));
            }
            if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                if !Regex::new(p).expect("the pattern compiles").is_match(text) {
                    fail(format!("{text:?} does not match {p}"));
                }
            }
        }
        if let Some(items) = v.as_array() {
            if s.get("maxItems").and_then(Value::as_u64).is_some_and(|max| items.len() as u64 > max) {
                fail(format!("{} items, more than allowed", items.len()));
            }
            if let Some(item_schema) = s.get("items") {
                for (i, item) in items.iter().enumerate() {
                    self.check(item_schema, item, &format!("{path}/{i}"), errors);
                }
            }
        }
        if let Some(object) = v.as_object() {
            self.check_object(s, object, path, errors);
        }
    }

    fn check_object(
        &self,
        s: &Map<String, Value>,
        object: &Map<String, Value>,
        path: &str,
        errors: &mut Vec<String>,
    ) {
        let properties = s.get("properties").and_then(Value::as_object);
        for name in
            s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
        {
            if !object.contains_key(name) {
                errors.push(format!("{path}: missing {name:?}"));
            }
        }
        for (name, value) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(sub) => self.check(sub, value, &format!("{path}/{name}"), errors),
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{path}: unexpected property {name:?}"))
                }
                None => {}
            }
        }
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        other => panic!("unknown type {other:?}"),
    }
}

#[test]
fn the_checker_finds_what_breaks_a_schema() {
    let schema = Schema::parse(
        r##"{"type": "object", "additionalProperties": false, "required": ["a", "b"],
            "definitions": {"day": {"type": ["string", "null"], "pattern": "^[0-9]{2}$"}},
            "properties": {
              "a": {"type": "integer", "minimum": 1, "maximum": 3},
              "b": {"type": "array", "maxItems": 2, "items": {"$ref": "#/definitions/day"}},
              "c": {"enum": ["x", "y"]}, "d": {"const": "1.3"}, "e": {"type": "string", "minLength": 1}}}"##,
    );
    let ok: Value = serde_json::json!({"a": 2, "b": ["07", null], "c": "x", "d": "1.3", "e": "z"});
    assert_eq!(schema.errors(&ok), Vec::<String>::new());
    let bad: Value =
        serde_json::json!({"a": 0.5, "b": ["7", 1, "08"], "c": "q", "d": "1.2", "e": "", "f": 1});
    let errors = schema.errors(&bad);
    for expected in ["/a:", "/b: 3 items", "/b/0:", "/b/1:", "/c:", "/d:", "/e:", "unexpected property \"f\""]
    {
        assert!(errors.iter().any(|e| e.contains(expected)), "{expected} not in {errors:?}");
    }
    assert!(schema.errors(&serde_json::json!({"a": 1})).iter().any(|e| e.contains("missing \"b\"")));
}
