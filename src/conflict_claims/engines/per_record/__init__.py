"""The per-record engine: each row through its Pydantic model, then cross-record rules."""
