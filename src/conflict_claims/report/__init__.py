"""The report of a validation, and its renderings."""
