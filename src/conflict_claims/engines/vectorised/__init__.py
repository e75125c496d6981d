"""The vectorised engine: every rule over whole Arrow and pandas columns."""
