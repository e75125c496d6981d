"""The rules that span rows and tables, in Spark SQL, over the rows whose cells are sound.

References are anti-joins; keys and repeats are window group-bys; the small tables (actors and
their ancestry, quantifiers, sources) are broadcast to every worker. Each check is a DataFrame
of findings in one shape (``_SHAPE``), and all of them are gathered in one Spark job: on a
small package a job costs more than the work it does. Each finding names its row by ``ID``
and carries the row's primary key, so that it can be found in a table no machine holds whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import reduce
from typing import TYPE_CHECKING, Any

from conflict_claims.contract.actor_graph import ancestors, nodes_in_cycles
from conflict_claims.contract.claim_links import Linked, link_findings
from conflict_claims.contract.tables import ANYONE, LINKS, OUTLET, TABLES, UNATTRIBUTED
from conflict_claims.engines.spark.table_pass import EXACT, ID

if TYPE_CHECKING:
    from pyspark.sql import Column as SparkColumn
    from pyspark.sql import DataFrame

Finding = tuple[str, str, int, str, "str | None", str, "str | None"]
"""(rule, resource, row ID, field, value, what is wrong, primary key)."""

_SHAPE = ("rule", "resource", ID, "field", "value", "key", "d1", "d2")
"""The columns of every check's findings; d1 and d2 are what its message quotes."""


def key_text(name: str) -> SparkColumn:
    """A row's primary key as text, several key columns joined by commas."""
    from pyspark.sql import functions as sf

    key = TABLES[name].primary_key
    return sf.concat_ws(",", *[sf.coalesce(sf.col(k), sf.lit("None")) for k in key])


def _found(
    frame: DataFrame,
    rule: str,
    resource: str,
    field: str,
    value: str | SparkColumn,
    d1: str | SparkColumn | None = None,
    d2: str | SparkColumn | None = None,
) -> DataFrame:
    """The rows of ``frame`` as findings of ``rule``."""
    from pyspark.sql import functions as sf

    def text(cell: str | SparkColumn | None) -> SparkColumn:
        return sf.lit(None).cast("string") if cell is None else sf.col(cell) if isinstance(
            cell, str) else cell  # fmt: skip

    return frame.select(
        sf.lit(rule).alias("rule"),
        sf.lit(resource).alias("resource"),
        sf.col(ID),
        sf.lit(field).alias("field"),
        text(value).cast("string").alias("value"),
        key_text(resource).alias("key"),
        text(d1).cast("string").alias("d1"),
        text(d2).cast("string").alias("d2"),
    )


def _interval(text: str) -> str:
    low, high = text.split("|")
    return f"{low}..{high}"


_WHAT: dict[str, Callable[[str, Any, Any], str]] = {
    "unique-key": lambda field, _, __: f"{field} repeats an earlier row",
    "duplicate-claim": lambda *_: "this claim repeats an earlier one in every field but claim_id",
    "foreign-key": lambda field, table, _: f"{field} names no row of {table}",
    "parent-cycle": lambda *_: "parent_id leads back to this actor",
    "subject-not-participant": lambda _, event, __: (
        f"the subject took no part in event {event!r}, directly or through a coalition"
    ),
    "unattributed-claimant": lambda _, attribution, kind: (
        f"attribution is {attribution!r}, so the claimant must be the outlet "
        f"(actor_type {OUTLET!r}), not a {kind!r}"
    ),
    "quantifier-unknown": lambda *_: "this vague figure is not a phrase of the quantifiers table",
    "quantifier-mismatch": lambda _, text, bounds: (
        f"{text!r} is recorded as {_interval(bounds.split(chr(10))[0])} in quantifiers, "
        f"not {_interval(bounds.split(chr(10))[1])}"
    ),
    "claim-before-event": lambda _, start, __: (
        f"the claim is dated before its event starts ({start})"
    ),
    "source-before-event": lambda _, latest, __: (
        f"the source is dated before an event it reports starts ({latest})"
    ),
    "quote-not-in-snapshot": lambda _, source, __: (
        f"the quote does not occur verbatim in the snapshot of {source!r}"
    ),
}


def cross_findings(
    frames: Mapping[str, DataFrame],
    keys: Mapping[str, DataFrame],
    snapshots: dict[str, str] | None = None,
) -> Iterator[Finding]:
    """Findings over ``frames`` (the sound rows of each table, with ``ID``); ``keys`` holds,
    per table, one column ``__k`` of the key cells of every row whose key cell is sound."""
    actors = _first_actors(frames.get("actors"))
    checks = [
        *_unique_keys(frames),
        *_duplicate_claims(frames),
        *_foreign_keys(frames, keys),
        *_parent_cycles(frames, actors),
        *_subjects(frames, actors),
        *_unattributed(frames, actors),
        *_quantifiers(frames),
        *_dates(frames),
    ]
    sources: list[Any] = []
    if snapshots is not None and "sources" in frames:
        sources = frames["sources"].orderBy(ID).select(ID, "source_id", "snapshot_sha256").collect()
        checks.extend(_quotes(frames, snapshots, sources))
    if checks:
        for rule, resource, row_id, field, value, key, d1, d2 in reduce(
            lambda a, b: a.unionByName(b), checks
        ).collect():
            what = _WHAT[rule](field, d1, d2)
            yield (rule, resource, row_id, field, value, what, key)
    yield from _links(frames)
    if snapshots is not None:
        for row_id, source_id, sha in sources:
            if sha not in snapshots:
                what = "no file in the snapshots folder has this sha256"
                yield ("snapshot-missing", "sources", row_id, "snapshot_sha256", sha, what,
                       source_id)  # fmt: skip


def _repeated(frame: DataFrame, columns: list[str]) -> DataFrame:
    """The rows that repeat an earlier row (by ``ID``) in ``columns``; empty equals empty."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    order = Window.partitionBy(*columns).orderBy(ID)
    return frame.withColumn("__n", sf.row_number().over(order)).filter("__n > 1").drop("__n")


def _first(frame: DataFrame, key: str) -> DataFrame:
    """The first row (by ``ID``) of each value of ``key``."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    order = Window.partitionBy(key).orderBy(ID)
    return frame.withColumn("__n", sf.row_number().over(order)).filter("__n = 1").drop("__n")


def _unique_keys(frames: Mapping[str, DataFrame]) -> Iterator[DataFrame]:
    from pyspark.sql import functions as sf

    for name, frame in frames.items():
        key = list(TABLES[name].primary_key)
        value = sf.concat_ws(",", *[sf.coalesce(sf.col(k), sf.lit("None")) for k in key])
        yield _found(_repeated(frame, key), "unique-key", name, ",".join(key), value)


def canonical_integer(column: str) -> SparkColumn:
    """A well-formed integer cell written the one way its value is ("010" as "10")."""
    from pyspark.sql import functions as sf

    stripped = sf.regexp_replace(sf.col(column), r"^(-?)0+(?=[0-9])", "$1")
    return sf.when(stripped == "-0", sf.lit("0")).otherwise(stripped)


def _duplicate_claims(frames: Mapping[str, DataFrame]) -> Iterator[DataFrame]:
    claims = frames.get("claims")
    if claims is None:
        return
    others = [c for c in claims.columns if c not in ("claim_id", ID, EXACT)]
    # repeats by value, as the other engines compare parsed integers; added columns stay text
    compared = claims
    for column in TABLES["claims"].columns:
        if column.kind == "integer" and column.name in others:
            compared = compared.withColumn(column.name, canonical_integer(column.name))
    yield _found(_repeated(compared, others), "duplicate-claim", "claims", "claim_id", "claim_id")


_SMALL = frozenset({"actors", "sources", "quantifiers"})
"""Tables small next to claims, whatever the package's size: broadcast to every worker."""


def _foreign_keys(
    frames: Mapping[str, DataFrame], keys: Mapping[str, DataFrame]
) -> Iterator[DataFrame]:
    from pyspark.sql import functions as sf

    for name, frame in frames.items():
        for fk in TABLES[name].foreign_keys:
            if fk.resource not in keys:
                continue  # the referenced table could not be read: already reported
            known = keys[fk.resource].distinct()
            if fk.resource in _SMALL:
                known = sf.broadcast(known)
            present = frame.filter(sf.col(fk.field).isNotNull())
            missing = present.join(known, sf.col(fk.field) == sf.col("__k"), "left_anti")
            yield _found(missing, "foreign-key", name, fk.field, fk.field, sf.lit(fk.resource))


class _Actors:
    """The first row of each actor id, on the driver: types and parents."""

    def __init__(self, rows: list[Any]) -> None:
        self.kind: dict[str, str | None] = {}
        self.parent: dict[str, str | None] = {}
        for actor_id, actor_type, parent_id in rows:
            if actor_id not in self.kind:
                self.kind[actor_id] = actor_type
                self.parent[actor_id] = parent_id


def _first_actors(actors: DataFrame | None) -> _Actors | None:
    if actors is None:
        return None
    rows = actors.filter("actor_id is not null").orderBy(ID)
    return _Actors(rows.select("actor_id", "actor_type", "parent_id").collect())


def _parent_cycles(frames: Mapping[str, DataFrame], first: _Actors | None) -> Iterator[DataFrame]:
    from pyspark.sql import functions as sf

    actors = frames.get("actors")
    if actors is None or first is None:
        return
    cyclic = sorted(nodes_in_cycles(first.parent))
    if cyclic:
        rows = actors.filter(sf.col("actor_id").isin(cyclic))
        yield _found(rows, "parent-cycle", "actors", "parent_id", "parent_id")


def _links(frames: Mapping[str, DataFrame]) -> Iterator[Finding]:
    """The link rules of the contract, over the claims that take part in a link (as the one
    linking or the one named), every row of each such claim_id: a superset of the rows the
    rules need (see the vectorised engine's pre-filter), gathered on the driver."""
    from pyspark.sql import functions as sf

    claims = frames.get("claims")
    if claims is None:
        return
    linking = claims.filter(" or ".join(f"{link} is not null" for link in LINKS))
    ids = linking.select(sf.col("claim_id").alias("__k"))
    for link in LINKS:
        ids = ids.union(linking.select(sf.col(link).alias("__k")))
    ids = ids.filter("__k is not null").distinct()
    rows = claims.join(ids, sf.col("claim_id") == sf.col("__k"), "left_semi").orderBy(ID)
    columns = ("claim_id", "event_id", "claimant_id", "subject_id", "category")
    found = rows.select(ID, *columns, "value_low", "value_high", *LINKS).collect()
    if not found:
        return
    linked = [
        Linked(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), _int(r[7]), r[8], r[9], r[10])
        for r in found
    ]
    claim_of = {r[0]: r[1] for r in found}
    for rule, resource, row, field, value, what in link_findings(linked):
        cell = None if value is None else str(value)
        yield (rule, resource, row, field, cell, what, claim_of[row])


def _int(cell: str | None) -> int | None:
    return None if cell is None else int(cell)


def _subjects(frames: Mapping[str, DataFrame], actors: _Actors | None) -> Iterator[DataFrame]:
    from pyspark.sql import functions as sf

    claims, participants = frames.get("claims"), frames.get("participants")
    events = frames.get("events")
    if claims is None or actors is None or participants is None or events is None:
        return
    # subjects that must take part: known actors of a type that is not everyone's subject
    needing = [a for a, kind in actors.kind.items() if kind is not None and kind not in ANYONE]
    if not needing:
        return
    chains = [(a, node) for a in needing for node in ancestors(a, actors.parent)]
    spark = claims.sparkSession
    chain = sf.broadcast(spark.createDataFrame(chains, "subject_id string, node string"))
    pairs = (
        claims.select("event_id", "subject_id")
        .dropna()
        .distinct()
        .join(chain.select("subject_id").distinct(), "subject_id", "left_semi")
        .join(events.select("event_id"), "event_id", "left_semi")
    )
    took_part = participants.select("event_id", sf.col("actor_id").alias("node")).dropna()
    fine = pairs.join(chain, "subject_id").join(took_part, ["event_id", "node"], "left_semi")
    bad = pairs.join(fine.select("event_id", "subject_id"), ["event_id", "subject_id"], "left_anti")
    rows = claims.join(bad, ["event_id", "subject_id"], "left_semi")
    yield _found(rows, "subject-not-participant", "claims", "subject_id", "subject_id", "event_id")


def _unattributed(frames: Mapping[str, DataFrame], actors: _Actors | None) -> Iterator[DataFrame]:
    from pyspark.sql import functions as sf

    claims = frames.get("claims")
    if claims is None or actors is None:
        return
    others = {a: k for a, k in actors.kind.items() if k is not None and k != OUTLET}
    if not others:
        return
    kinds = sf.broadcast(
        claims.sparkSession.createDataFrame(
            sorted(others.items()), "claimant_id string, __kind string"
        )
    )
    rows = claims.filter(sf.col("attribution").isin(list(UNATTRIBUTED))).join(kinds, "claimant_id")
    yield _found(rows, "unattributed-claimant", "claims", "claimant_id", "claimant_id",
                 "attribution", "__kind")  # fmt: skip


def _quantifiers(frames: Mapping[str, DataFrame]) -> Iterator[DataFrame]:
    from pyspark.sql import functions as sf

    claims, quantifiers = frames.get("claims"), frames.get("quantifiers")
    if claims is None or quantifiers is None:
        return
    table = sf.broadcast(
        _first(quantifiers.filter("phrase is not null"), "phrase").select(
            sf.col("phrase").alias("value_text"),
            canonical_integer("value_low").alias("__q_low"),
            canonical_integer("value_high").alias("__q_high"),
        )
    )
    vague = claims.filter(~sf.col(EXACT))
    unknown = vague.join(table, "value_text", "left_anti")
    yield _found(unknown, "quantifier-unknown", "claims", "value_text", "value_text")
    known = vague.join(table, "value_text").withColumns(
        {"__low": canonical_integer("value_low"), "__high": canonical_integer("value_high")}
    )
    # integers compared by value; an empty bound equals only an empty bound
    same_low = sf.coalesce(sf.col("__low") == sf.col("__q_low"), sf.lit(False))
    differs = known.filter(~same_low | ~sf.col("__high").eqNullSafe(sf.col("__q_high")))
    bounds = sf.concat_ws(
        "\n",
        sf.concat_ws("|", "__q_low", sf.coalesce("__q_high", sf.lit(""))),
        sf.concat_ws("|", "__low", sf.coalesce("__high", sf.lit(""))),
    )
    yield _found(differs, "quantifier-mismatch", "claims", "value_low", "value_low",
                 "value_text", bounds)  # fmt: skip


def _dates(frames: Mapping[str, DataFrame]) -> Iterator[DataFrame]:
    from pyspark.sql import functions as sf

    claims, events, sources = frames.get("claims"), frames.get("events"), frames.get("sources")
    if claims is None or events is None:
        return
    starts = _first(events.filter("event_id is not null"), "event_id").select(
        "event_id", sf.col("date_start").alias("__start")
    )
    dated = claims.join(starts, "event_id", "left")
    early = dated.filter("claimed_on is not null and __start is not null and claimed_on < __start")
    yield _found(early, "claim-before-event", "claims", "claimed_on", "claimed_on", "__start")
    if sources is None:
        return
    latest = (
        dated.filter("source_id is not null and __start is not null")
        .groupBy("source_id")
        .agg(sf.max("__start").alias("__latest"))
    )
    before = sources.join(latest, "source_id").filter(
        "published_on is not null and published_on < __latest"
    )
    yield _found(before, "source-before-event", "sources", "published_on", "published_on",
                 "__latest")  # fmt: skip


def _quotes(
    frames: Mapping[str, DataFrame], snapshots: dict[str, str], sources: list[Any]
) -> Iterator[DataFrame]:
    from pyspark.sql import functions as sf

    claims = frames.get("claims")
    if claims is None:
        return
    first: dict[str, str | None] = {}
    for _, source_id, sha in sources:
        first.setdefault(source_id, sha)
    text_of = {s: snapshots[h] for s, h in first.items() if h in snapshots}
    if not text_of:
        return
    texts = sf.broadcast(
        claims.sparkSession.createDataFrame(
            sorted(text_of.items()), "source_id string, __text string"
        )
    )
    # a null quote is never in a text (Python's ``in`` would refuse it; the cell is required)
    missing = claims.join(texts, "source_id").filter(
        sf.col("quote").isNotNull() & ~sf.col("__text").contains(sf.col("quote"))
    )
    yield _found(missing, "quote-not-in-snapshot", "claims", "quote", "quote", "source_id")
