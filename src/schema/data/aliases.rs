// Written by `cargo run --example distill_schema -- ../shared/api src/schema/data`.
&[
    ("autoscaling", "as"),
]
