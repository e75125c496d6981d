"""The Spark engine: the vectorised table checks in ``mapInArrow``, cross-table rules in SQL."""
