"""Validation entry points: a whole package, or one table, through a chosen engine into a report."""
