"""The rules that span rows and tables, in Spark SQL, over the rows whose cells are sound.

References are anti-joins; keys and repeats are window group-bys; the small tables (actors and
their ancestry, quantifiers, sources' snapshots) are collected once and broadcast. Each finding
names its row by ``ID`` and carries the row's primary key, so that it can be located in a
table no single machine holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from conflict_claims.contract.actor_graph import ancestors, nodes_in_cycles
from conflict_claims.contract.claim_links import Linked, link_findings
from conflict_claims.contract.tables import ANYONE, LINKS, OUTLET, TABLES, UNATTRIBUTED
from conflict_claims.engines.spark.table_pass import EXACT, ID

if TYPE_CHECKING:
    from pyspark.sql import Column as SparkColumn
    from pyspark.sql import DataFrame

Finding = tuple[str, str, int, str, "str | None", str, str]
"""(rule, resource, row ID, field, value, what is wrong, primary key)."""


def key_text(name: str) -> SparkColumn:
    """A row's primary key as text, several key columns joined by commas."""
    from pyspark.sql import functions as sf

    key = TABLES[name].primary_key
    return sf.concat_ws(",", *[sf.coalesce(sf.col(k), sf.lit("None")) for k in key])


def _collect(frame: DataFrame, *columns: str | SparkColumn) -> list[Any]:
    return frame.select(*columns).collect()


def cross_findings(
    frames: Mapping[str, DataFrame],
    keys: Mapping[str, DataFrame],
    snapshots: dict[str, str] | None = None,
) -> Iterator[Finding]:
    """Findings over ``frames`` (the sound rows of each table, with ``ID``); ``keys`` holds,
    per table, one column ``__k`` of the key cells of every row whose key cell is sound."""
    actors = _first_actors(frames.get("actors"))
    yield from _unique_keys(frames)
    yield from _duplicate_claims(frames)
    yield from _foreign_keys(frames, keys)
    yield from _parent_cycles(frames)
    yield from _links(frames)
    yield from _subjects(frames, actors)
    yield from _unattributed(frames, actors)
    yield from _quantifiers(frames)
    yield from _dates(frames)
    if snapshots is not None:
        yield from _snapshots(frames, snapshots)


def _first(frame: DataFrame, key: str) -> DataFrame:
    """The first row (by ``ID``) of each value of ``key``."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    order = Window.partitionBy(key).orderBy(ID)
    return frame.withColumn("__n", sf.row_number().over(order)).filter("__n = 1").drop("__n")


def _repeated(frame: DataFrame, columns: list[str]) -> DataFrame:
    """The rows that repeat an earlier row (by ``ID``) in ``columns``; empty equals empty."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    order = Window.partitionBy(*columns).orderBy(ID)
    return frame.withColumn("__n", sf.row_number().over(order)).filter("__n > 1").drop("__n")


def _unique_keys(frames: Mapping[str, DataFrame]) -> Iterator[Finding]:
    from pyspark.sql import functions as sf

    for name, frame in frames.items():
        key = list(TABLES[name].primary_key)
        joined = ",".join(key)
        value = sf.concat_ws(",", *[sf.coalesce(sf.col(k), sf.lit("None")) for k in key])
        for row in _collect(_repeated(frame, key), ID, value.alias("v")):
            what = f"{joined} repeats an earlier row"
            yield ("unique-key", name, row[0], joined, row[1], what, row[1])


def canonical_integer(column: str) -> SparkColumn:
    """A well-formed integer cell written the one way its value is ("010" as "10")."""
    from pyspark.sql import functions as sf

    stripped = sf.regexp_replace(sf.col(column), r"^(-?)0+(?=[0-9])", "$1")
    return sf.when(stripped == "-0", sf.lit("0")).otherwise(stripped)


def _duplicate_claims(frames: Mapping[str, DataFrame]) -> Iterator[Finding]:
    claims = frames.get("claims")
    if claims is None:
        return
    others = [c for c in claims.columns if c not in ("claim_id", ID, EXACT)]
    # repeats by value, as the other engines compare parsed integers; added columns stay text
    for column in TABLES["claims"].columns:
        if column.kind == "integer" and column.name in others:
            claims = claims.withColumn(column.name, canonical_integer(column.name))
    what = "this claim repeats an earlier one in every field but claim_id"
    for row in _collect(_repeated(claims, others), ID, "claim_id"):
        yield ("duplicate-claim", "claims", row[0], "claim_id", row[1], what, row[1])


def _foreign_keys(
    frames: Mapping[str, DataFrame], keys: Mapping[str, DataFrame]
) -> Iterator[Finding]:
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
            what = f"{fk.field} names no row of {fk.resource}"
            for row in _collect(missing, ID, fk.field, key_text(name).alias("k")):
                yield ("foreign-key", name, row[0], fk.field, row[1], what, row[2])


_SMALL = frozenset({"actors", "sources", "quantifiers"})
"""Tables small next to claims, whatever the package's size: broadcast to every worker."""


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
    return _Actors(_collect(rows, "actor_id", "actor_type", "parent_id"))


def _parent_cycles(frames: Mapping[str, DataFrame]) -> Iterator[Finding]:
    from pyspark.sql import functions as sf

    actors = frames.get("actors")
    if actors is None:
        return
    first = _first_actors(actors)
    cyclic = sorted(nodes_in_cycles(first.parent)) if first is not None else []
    if not cyclic:
        return
    rows = actors.filter(sf.col("actor_id").isin(cyclic))
    for row in _collect(rows, ID, "parent_id", "actor_id"):
        what = "parent_id leads back to this actor"
        yield ("parent-cycle", "actors", row[0], "parent_id", row[1], what, row[2])


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
    found = _collect(rows, ID, *columns, "value_low", "value_high", *LINKS)
    if not found:
        return
    linked = [
        Linked(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), _int(r[7]), r[8], r[9], r[10])
        for r in found
    ]
    claim_of = {r[0]: r[1] for r in found}
    for rule, resource, row, field, value, what in link_findings(linked):
        value = None if value is None else str(value)
        yield (rule, resource, row, field, value, what, claim_of[row])


def _subjects(frames: Mapping[str, DataFrame], actors: _Actors | None) -> Iterator[Finding]:
    from pyspark.sql import functions as sf

    claims, participants = frames.get("claims"), frames.get("participants")
    events = frames.get("events")
    if claims is None or actors is None or participants is None or events is None:
        return
    spark = claims.sparkSession
    # subjects that must take part: known actors of a type that is not everyone's subject
    needing = [a for a, kind in actors.kind.items() if kind is not None and kind not in ANYONE]
    if not needing:
        return
    chains = [(a, node) for a in needing for node in ancestors(a, actors.parent)]
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
    for row in _collect(rows, ID, "subject_id", "event_id", "claim_id"):
        what = f"the subject took no part in event {row[2]!r}, directly or through a coalition"
        yield ("subject-not-participant", "claims", row[0], "subject_id", row[1], what, row[3])


def _unattributed(frames: Mapping[str, DataFrame], actors: _Actors | None) -> Iterator[Finding]:
    from pyspark.sql import functions as sf

    claims = frames.get("claims")
    if claims is None or actors is None:
        return
    others = {a: k for a, k in actors.kind.items() if k is not None and k != OUTLET}
    if not others:
        return
    spark = claims.sparkSession
    kinds = sf.broadcast(
        spark.createDataFrame(sorted(others.items()), "claimant_id string, __kind string")
    )
    rows = claims.filter(sf.col("attribution").isin(list(UNATTRIBUTED))).join(kinds, "claimant_id")
    for row in _collect(rows, ID, "claimant_id", "attribution", "__kind", "claim_id"):
        what = (
            f"attribution is {row[2]!r}, so the claimant must be the outlet "
            f"(actor_type {OUTLET!r}), not a {row[3]!r}"
        )
        yield ("unattributed-claimant", "claims", row[0], "claimant_id", row[1], what, row[4])


def _quantifiers(frames: Mapping[str, DataFrame]) -> Iterator[Finding]:
    from pyspark.sql import functions as sf

    claims, quantifiers = frames.get("claims"), frames.get("quantifiers")
    if claims is None or quantifiers is None:
        return
    table: dict[str, tuple[str | None, str | None]] = {}
    ordered = quantifiers.filter("phrase is not null").orderBy(ID)
    for phrase, low, high in _collect(ordered, "phrase", "value_low", "value_high"):
        table.setdefault(phrase, (low, high))
    vague = claims.filter(~sf.col(EXACT))
    known = vague.filter(sf.col("value_text").isin(list(table)))
    unknown = vague.join(known.select(ID), ID, "left_anti")
    what = "this vague figure is not a phrase of the quantifiers table"
    for row in _collect(unknown, ID, "value_text", "claim_id"):
        yield ("quantifier-unknown", "claims", row[0], "value_text", row[1], what, row[2])
    if not table:
        return
    for row in _collect(known, ID, "value_text", "value_low", "value_high", "claim_id"):
        text, low, high = row[1], _int(row[2]), _int(row[3])
        q_low, q_high = (_int(v) for v in table[text])
        same_low = low is not None and q_low is not None and low == q_low
        if same_low and high == q_high:
            continue
        what = (
            f"{text!r} is recorded as {_interval(q_low, q_high)} in quantifiers, "
            f"not {_interval(low, high)}"
        )
        yield ("quantifier-mismatch", "claims", row[0], "value_low", row[2], what, row[4])


def _int(cell: str | None) -> int | None:
    return None if cell is None else int(cell)


def _interval(low: int | None, high: int | None) -> str:
    return f"{low}..{'' if high is None else high}"


def _dates(frames: Mapping[str, DataFrame]) -> Iterator[Finding]:
    from pyspark.sql import functions as sf

    claims, events, sources = frames.get("claims"), frames.get("events"), frames.get("sources")
    if claims is None or events is None or events.isEmpty():
        return
    starts = _first(events.filter("event_id is not null"), "event_id").select(
        "event_id", sf.col("date_start").alias("__start")
    )
    dated = claims.join(starts, "event_id", "left")
    early = dated.filter("claimed_on is not null and __start is not null and claimed_on < __start")
    for row in _collect(early, ID, "claimed_on", "__start", "claim_id"):
        what = f"the claim is dated before its event starts ({row[2]})"
        yield ("claim-before-event", "claims", row[0], "claimed_on", row[1], what, row[3])
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
    for row in _collect(before, ID, "published_on", "__latest", "source_id"):
        what = f"the source is dated before an event it reports starts ({row[2]})"
        yield ("source-before-event", "sources", row[0], "published_on", row[1], what, row[3])


def _snapshots(frames: Mapping[str, DataFrame], snapshots: dict[str, str]) -> Iterator[Finding]:
    from pyspark.sql import functions as sf

    sources = frames.get("sources")
    if sources is None:
        return
    rows = _collect(sources.orderBy(ID), ID, "source_id", "snapshot_sha256")
    for row_id, source_id, sha in rows:
        if sha not in snapshots:
            what = "no file in the snapshots folder has this sha256"
            yield ("snapshot-missing", "sources", row_id, "snapshot_sha256", sha, what, source_id)
    claims = frames.get("claims")
    if claims is None:
        return
    first: dict[str, str | None] = {}
    for _, source_id, sha in rows:
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
    for row in _collect(missing, ID, "quote", "source_id", "claim_id"):
        what = f"the quote does not occur verbatim in the snapshot of {row[2]!r}"
        yield ("quote-not-in-snapshot", "claims", row[0], "quote", row[1], what, row[3])
