"""Pure domain: models, validators, code lists and message catalogs. No I/O."""
