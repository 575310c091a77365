//! The compact form the crate builds descriptions in: one line per action, object and member,
//! about a fifth of the same structure written as `api.json`, and read without a JSON parser.
//!
//! ```text
//! cbs 2017-03-12              service and version
//! >DescribeDisks 0            an action and the index of its output object
//! #DescribeDisksResponse      object 0; its members follow, sorted by name
//! DiskSet *1!-                a list of object 1, required, never null
//! TotalCount u!-              a uint64, required, never null
//! ```
//!
//! A member's type is one letter for a scalar (`s` string, `t` `datetime`, `z` `datetime_iso`,
//! `d` date, `i` int64, `u` uint64, `f` float, `b` bool) or an object's index, after `*` for a
//! list; `!` marks it required and `-` forbids `null`. Names run to the last space of their line,
//! so they may hold anything but a line break.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::model::{Member, Object, Schema, SchemaError, Shape};

/// The letter of a scalar shape.
fn letter(shape: Shape) -> Option<char> {
    Some(match shape {
        Shape::String => 's',
        Shape::DateTime => 't',
        Shape::DateTimeIso => 'z',
        Shape::Date => 'd',
        Shape::Int64 => 'i',
        Shape::UInt64 => 'u',
        Shape::Float => 'f',
        Shape::Bool => 'b',
        Shape::Object(_) => return None,
    })
}

/// The scalar shape of a letter.
fn scalar(letter: &str) -> Option<Shape> {
    Some(match letter {
        "s" => Shape::String,
        "t" => Shape::DateTime,
        "z" => Shape::DateTimeIso,
        "d" => Shape::Date,
        "i" => Shape::Int64,
        "u" => Shape::UInt64,
        "f" => Shape::Float,
        "b" => Shape::Bool,
        _ => return None,
    })
}

pub(super) fn write(schema: &Schema) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", schema.service, schema.version);
    let mut actions: Vec<(&String, &usize)> = schema.actions.iter().collect();
    actions.sort();
    for (action, output) in actions {
        let _ = writeln!(out, ">{action} {output}");
    }
    for object in &schema.objects {
        let _ = writeln!(out, "#{}", object.name);
        for member in &object.members {
            out.push_str(&member.name);
            out.push(' ');
            if member.list {
                out.push('*');
            }
            match (member.shape, letter(member.shape)) {
                (_, Some(letter)) => out.push(letter),
                (Shape::Object(index), None) => {
                    let _ = write!(out, "{index}");
                }
                (_, None) => {}
            }
            if member.required {
                out.push('!');
            }
            if !member.nullable {
                out.push('-');
            }
            out.push('\n');
        }
    }
    out
}

pub(super) fn read(text: &str) -> Result<Schema, SchemaError> {
    let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line));
    let bad = |line: usize, reason: &'static str| SchemaError::Compact { line, reason };
    let (_, head) = lines.next().ok_or(bad(1, "the text is empty"))?;
    let (service, version) = head
        .split_once(' ')
        .ok_or(bad(1, "the first line is not `SERVICE VERSION`"))?;
    let mut actions = HashMap::new();
    let mut objects: Vec<Object> = Vec::new();
    let mut current: Option<Vec<Member>> = None;
    for (number, line) in lines {
        if let Some(action) = line.strip_prefix('>') {
            if !objects.is_empty() || current.is_some() {
                return Err(bad(number, "an action follows the objects"));
            }
            let (name, output) = action
                .rsplit_once(' ')
                .ok_or(bad(number, "an action line is not `>NAME OUTPUT`"))?;
            let output = output
                .parse::<usize>()
                .map_err(|_| bad(number, "an action's output is not an object index"))?;
            actions.insert(name.to_owned(), output);
        } else if let Some(name) = line.strip_prefix('#') {
            if let Some(members) = current.take() {
                finish(&mut objects, members);
            }
            objects.push(Object {
                name: name.to_owned(),
                members: Vec::new(),
                by_name: HashMap::default(),
            });
            current = Some(Vec::new());
        } else {
            let members = current
                .as_mut()
                .ok_or(bad(number, "a member comes before any object"))?;
            members.push(member(line).ok_or(bad(number, "a member line is not `NAME TYPE`"))?);
        }
    }
    if let Some(members) = current.take() {
        finish(&mut objects, members);
    }
    let count = objects.len();
    if actions.values().any(|&output| output >= count) {
        return Err(bad(0, "an action's output is past the last object"));
    }
    let dangling = objects
        .iter()
        .flat_map(|o| &o.members)
        .any(|member| matches!(member.shape, Shape::Object(index) if index >= count));
    if dangling {
        return Err(bad(0, "a member refers to an object past the last one"));
    }
    Ok(Schema {
        service: service.to_owned(),
        version: version.to_owned(),
        actions,
        objects,
    })
}

/// Gives the last object its members, sorted by name, and their index.
fn finish(objects: &mut [Object], mut members: Vec<Member>) {
    members.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(object) = objects.last_mut() {
        object.by_name = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.clone(), i))
            .collect();
        object.members = members;
    }
}

/// One `NAME TYPE` member line.
fn member(line: &str) -> Option<Member> {
    let (name, kind) = line.rsplit_once(' ')?;
    let nullable = !kind.ends_with('-');
    let kind = kind.strip_suffix('-').unwrap_or(kind);
    let required = kind.ends_with('!');
    let kind = kind.strip_suffix('!').unwrap_or(kind);
    let list = kind.starts_with('*');
    let kind = kind.strip_prefix('*').unwrap_or(kind);
    let shape = match scalar(kind) {
        Some(shape) => shape,
        None if !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_digit()) => {
            Shape::Object(kind.parse().ok()?)
        }
        None => return None,
    };
    Some(Member {
        name: name.to_owned(),
        shape,
        list,
        required,
        nullable,
        alternative: None,
    })
}
