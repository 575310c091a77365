//! One description of a product version from both sites' descriptions of it.
//!
//! The China site documents more actions and members than the international one for most
//! products, and a few members with another type. A response is answered by one site, but a
//! capture rarely says which: so a member either site documents is never unknown, a member
//! is required only where both require it, may be null where either allows it, and where the
//! two disagree on its type, a value of either type is accepted.

use std::collections::HashMap;

use super::model::{Member, Object, Schema, Shape};

impl Schema {
    /// The union of two descriptions of one product version: `self`'s actions and objects,
    /// and `other`'s added to them (objects matched by name). Where an action's output or a
    /// member's type differ, `self`'s comes first and `other`'s is the alternative.
    pub(crate) fn union(&self, other: &Schema) -> Schema {
        let mut merged = self.clone();
        let mut by_name: HashMap<String, usize> = merged
            .objects
            .iter()
            .enumerate()
            .map(|(i, o)| (o.name.clone(), i))
            .collect();
        // Where each of `other`'s objects lands among the merged ones.
        let place: Vec<usize> = other
            .objects
            .iter()
            .map(|object| {
                *by_name.entry(object.name.clone()).or_insert_with(|| {
                    merged
                        .objects
                        .push(Object::new(object.name.clone(), Vec::new()));
                    merged.objects.len() - 1
                })
            })
            .collect();
        let moved = |shape: Shape| match shape {
            Shape::Object(index) => Shape::Object(place.get(index).copied().unwrap_or(index)),
            scalar => scalar,
        };
        for (object, &at) in other.objects.iter().zip(&place) {
            let Some(target) = merged.objects.get_mut(at) else {
                continue;
            };
            let new = at >= self.objects.len();
            let mut members = std::mem::take(&mut target.members);
            for member in &object.members {
                let theirs = Member {
                    shape: moved(member.shape),
                    alternative: member.alternative.map(|(shape, list)| (moved(shape), list)),
                    ..member.clone()
                };
                // `target`'s index still names the members it had, at the same places.
                match target.by_name.get(&member.name).copied() {
                    Some(index) => {
                        if let Some(ours) = members.get_mut(index) {
                            ours.absorb(&theirs);
                        }
                    }
                    None => members.push(Member {
                        // A member only one site documents cannot be required of the other's.
                        required: theirs.required && new,
                        ..theirs
                    }),
                }
            }
            if !new {
                // Ours that `other` lacks are not required either.
                for ours in &mut members {
                    if object.member(&ours.name).is_none() {
                        ours.required = false;
                    }
                }
            }
            *target = Object::new(target.name.clone(), members);
        }
        for (action, &output) in &other.actions {
            merged
                .actions
                .entry(action.clone())
                .or_insert_with(|| place.get(output).copied().unwrap_or(output));
        }
        merged
    }
}

impl Schema {
    /// The members whose type the two sites describe differently, as `(object, member)`: in a
    /// built-in description of both sites, a value of either type is accepted for each.
    ///
    /// ```
    /// use tencentcloud_envelope::{Schema, Site};
    ///
    /// let one_site = Schema::builtin_on(Site::China, "cvm", "2017-03-12").ok_or("built in")?;
    /// assert_eq!(one_site.disputed_members().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn disputed_members(&self) -> impl Iterator<Item = (&str, &str)> {
        self.objects.iter().flat_map(|object| {
            object
                .members
                .iter()
                .filter(|member| member.is_disputed())
                .map(move |member| (object.name.as_str(), member.name.as_str()))
        })
    }
}

impl Member {
    /// Takes in what another site says of the same member.
    fn absorb(&mut self, theirs: &Member) {
        self.required &= theirs.required;
        self.nullable |= theirs.nullable;
        if (self.shape, self.list) != (theirs.shape, theirs.list) && self.alternative.is_none() {
            self.alternative = Some((theirs.shape, theirs.list));
        }
    }

    /// Whether the sites disagree on the member's type.
    fn is_disputed(&self) -> bool {
        self.alternative.is_some()
    }
}
