// Written by `cargo run --example distill_schema -- ../shared/api ../shared/api-china src/schema/data`.
&[
    ("autoscaling", "as"),
]
