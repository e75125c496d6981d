"""The typed API: ``load()``, the ``Dataset`` of records, frames, views, summary, writing."""
