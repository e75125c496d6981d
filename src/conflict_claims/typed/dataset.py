"""A whole dataset as typed records, with the cross-record rules and navigation."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from conflict_claims.contract.tables import TABLES
from conflict_claims.engines.per_record.cross_checks import Rows, dataset_findings
from conflict_claims.engines.per_record.record_models import (
    Actor,
    Claim,
    Event,
    Participant,
    Quantifier,
    Record,
    Source,
)

_PRIVATE = BaseModel.__dict__["__pydantic_private__"]
_set_private = _PRIVATE.__set__
_CACHED = ("_index", "_by_event", "_members")
"""The cached look-ups of a Dataset (cached_property keeps them in its ``__dict__``)."""

if TYPE_CHECKING:
    from conflict_claims.typed.frames import Frames
    from conflict_claims.typed.polars_frames import PolarsFrames
    from conflict_claims.typed.statements import Statement


class Dataset(BaseModel):
    """Events, actors, participants, sources, claims and quantifiers, checked together.

    >>> import conflict_claims as cc
    >>> d = cc.load()
    >>> claim = d.claim("wp-bourem-08")
    >>> (d.claimant_of(claim).name, claim.value_low, d.subject_of(claim).name)
    ('Coordination of Azawad Movements', 97, 'Malian Armed Forces')
    """

    model_config = ConfigDict(frozen=True)

    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    participants: tuple[Participant, ...] = ()
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantifiers: tuple[Quantifier, ...] = ()

    def tables(self) -> dict[str, tuple[Any, ...]]:
        """Table name -> records, in the package's table order."""
        return {name: getattr(self, name) for name in TABLES}

    def statements(self) -> list[Statement]:
        """One record per distinct statement, to count with: restatements and distorted
        reports fold into the claim they repeat, parts into their total where it is present.

        >>> import conflict_claims as cc
        >>> [s.value_low for s in cc.load().statements()
        ...  if s.event_id == "2023-09-17-lere" and s.claimant_id == "csp-psd"
        ...  and s.category.startswith("aircraft")]
        [1, 1]
        """
        from conflict_claims.typed.statements import statements

        return statements(self)

    @overload
    def frames(self, backend: Literal["pandas"] = "pandas") -> Frames: ...
    @overload
    def frames(self, backend: Literal["polars"]) -> PolarsFrames: ...

    def frames(self, backend: Literal["pandas", "polars"] = "pandas") -> Frames | PolarsFrames:
        """Every table as a DataFrame with proper dtypes.

        ``backend="pandas"`` (the default): pandas frames (dates ``datetime64``, nullable
        ``Int64``, categoricals), validated by the typed Pandera models.
        ``backend="polars"``: polars frames (``Date``, ``Int64``, ``Enum``, ``aliases`` a
        ``List(String)``); needs ``pip install "conflict-claims[polars]"``.

        >>> import conflict_claims as cc
        >>> claims = cc.load().frames().claims
        >>> str(claims["value_high"].dtype), str(claims["category"].dtype)
        ('Int64', 'category')
        """
        if backend == "polars":
            from conflict_claims.typed.polars_frames import dataset_polars_frames

            return dataset_polars_frames(self)
        if backend != "pandas":
            raise ValueError(f"backend is 'pandas' or 'polars', not {backend!r}")
        from conflict_claims.typed.frames import dataset_frames

        return dataset_frames(self)

    def write(self, folder: str | Path, *, check: bool = True, overwrite: bool = False) -> Path:
        """Write a data package (``datapackage.json`` and ``data/*.csv``) to ``folder``.

        The package is written to a temporary folder beside ``folder``, validated (unless
        ``check`` is false; :class:`~conflict_claims.InvalidPackageError` if it breaks a rule)
        and put in place in one step, so a failure leaves an earlier package there untouched
        and ``folder`` is never missing. An existing ``folder`` must be empty or hold only
        what this method writes (``datapackage.json``, ``data/*.csv``), else
        ``FileExistsError``; with ``overwrite=True`` any folder is replaced, with everything in
        it. The folder keeps its permissions (a new one gets the umask's). Extra columns of
        derived records are written and declared as text fields. Returns the path of the
        descriptor.

        >>> import tempfile, conflict_claims as cc
        >>> d = cc.load()
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     cc.load(d.write(f"{tmp}/copy")) == d
        True
        """
        from conflict_claims.typed.writing import write_dataset

        return write_dataset(self, folder, check=check, overwrite=overwrite)

    @model_validator(mode="after")
    def _dataset_rules(self, info: ValidationInfo) -> Dataset:
        tables: dict[str, Rows] = {
            name: list(enumerate(records, start=1)) for name, records in self.tables().items()
        }
        keys = {
            name: {getattr(r, TABLES[name].primary_key[0]) for r in records}
            for name, records in self.tables().items()
        }
        findings = list(dataset_findings(tables, keys, None))
        context = info.context if isinstance(info.context, dict) else None
        if context is not None and "dataset_findings" in context:
            context["dataset_findings"].extend(findings)
        elif findings:
            shown = "; ".join(
                f"{r} at {t} row {n} ({f}): {what}" for r, t, n, f, _, what in findings[:10]
            )
            more = f" and {len(findings) - 10} more" if len(findings) > 10 else ""
            raise PydanticCustomError("dataset-invalid", f"{shown}{more}")
        return self

    def model_post_init(self, context: Any, /) -> None:  # noqa: ARG002 (pydantic's hook)
        """Bind every record to this dataset, so that records can navigate (``claim.event``).

        A record still free is bound in place; a record that another dataset already holds
        is copied first, so each dataset's records navigate within that dataset.
        """
        try:
            _PRIVATE.__get__(self, Dataset)
        except AttributeError:
            # pydantic 2.6 leaves the slot unset in model_construct when a model defines
            # model_post_init, and model_copy then fails reading it
            _set_private(self, None)
        bound = {"_dataset": self}
        for name, records in self.tables().items():
            rebound: list[Record] | None = None
            for position, record in enumerate(records):
                private = record.__pydantic_private__
                home = None if private is None else private.get("_dataset")
                if home is self:
                    continue
                if home is not None:
                    if rebound is None:
                        rebound = list(records)
                    record = rebound[position] = record.model_copy()
                _set_private(record, bound)
            if rebound is not None:
                self.__dict__[name] = tuple(rebound)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Dataset:
        """A copy (with ``update`` applied), whose records navigate within the copy."""
        copy = super().model_copy(update=update, deep=deep)
        for cached in _CACHED:  # look-ups built for this dataset's records, not the copy's
            copy.__dict__.pop(cached, None)
        copy.model_post_init(None)
        return copy

    def __repr__(self) -> str:
        rows = ", ".join(f"{name}: {len(records)}" for name, records in self.tables().items())
        return f"<Dataset {rows}>"

    def __str__(self) -> str:
        return repr(self)

    # look-up by id
    @cached_property
    def _index(self) -> dict[str, dict[str, Any]]:
        index: dict[str, dict[str, Any]] = {}
        for name, records in self.tables().items():
            key = TABLES[name].primary_key
            if len(key) == 1:
                index[name] = {}
                for record in records:
                    index[name].setdefault(getattr(record, key[0]), record)
        return index

    def _get(self, table: str, record: Record | str) -> Any:
        key = (
            getattr(record, TABLES[table].primary_key[0]) if isinstance(record, Record) else record
        )
        try:
            return self._index[table][key]
        except KeyError:
            raise KeyError(f"no {table} row with id {key!r}") from None

    def event(self, event: Event | str) -> Event:
        """The event with this ``event_id`` (or this event's own record); KeyError if none."""
        result: Event = self._get("events", event)
        return result

    def actor(self, actor: Actor | str) -> Actor:
        """The actor with this ``actor_id`` (or this actor's own record); KeyError if none."""
        result: Actor = self._get("actors", actor)
        return result

    def source(self, source: Source | str) -> Source:
        """The source with this ``source_id`` (or this source's own record); KeyError if none."""
        result: Source = self._get("sources", source)
        return result

    def claim(self, claim: Claim | str) -> Claim:
        """The claim with this ``claim_id`` (or this claim's own record); KeyError if none."""
        result: Claim = self._get("claims", claim)
        return result

    # navigation from a claim
    def event_of(self, claim: Claim | str) -> Event:
        """The event a claim (a record or a ``claim_id``) is about."""
        return self.event(self.claim(claim).event_id)

    def claimant_of(self, claim: Claim | str) -> Actor:
        """Who asserts a claim (a record or a ``claim_id``)."""
        return self.actor(self.claim(claim).claimant_id)

    def source_of(self, claim: Claim | str) -> Source:
        """The source that reports a claim (a record or a ``claim_id``)."""
        return self.source(self.claim(claim).source_id)

    def subject_of(self, claim: Claim | str) -> Actor:
        """Whose losses a claim (a record or a ``claim_id``) counts."""
        return self.actor(self.claim(claim).subject_id)

    # navigation from an event
    @cached_property
    def _by_event(self) -> dict[str, dict[str, list[Any]]]:
        grouped: dict[str, dict[str, list[Any]]] = {"claims": {}, "participants": {}}
        for name, records in (("claims", self.claims), ("participants", self.participants)):
            for record in records:
                grouped[name].setdefault(record.event_id, []).append(record)
        return grouped

    def claims_about(self, event: Event | str) -> tuple[Claim, ...]:
        """The claims about an event (a record or an ``event_id``), in table order."""
        return tuple(self._by_event["claims"].get(self.event(event).event_id, ()))

    def participants_of(self, event: Event | str) -> tuple[Participant, ...]:
        """Who took part in an event (a record or an ``event_id``), in table order."""
        return tuple(self._by_event["participants"].get(self.event(event).event_id, ()))

    # navigation between actors
    @cached_property
    def _members(self) -> dict[str, list[Actor]]:
        members: dict[str, list[Actor]] = {}
        for actor in self.actors:
            if actor.parent_id is not None:
                members.setdefault(actor.parent_id, []).append(actor)
        return members

    def members_of(self, actor: Actor | str, *, nested: bool = False) -> tuple[Actor, ...]:
        """The actors whose ``parent_id`` is this actor (a record or an ``actor_id``).

        With ``nested``, their members too, and so on down (the Malian Air Force under the
        Malian Armed Forces; the MNLA under the CMA under the CSP-PSD), each once.
        """
        found: dict[str, Actor] = {}
        pending = [self.actor(actor).actor_id]
        while pending:
            for member in self._members.get(pending.pop(), ()):
                if member.actor_id not in found:
                    found[member.actor_id] = member
                    if nested:
                        pending.append(member.actor_id)
        return tuple(found.values())

    def claims_by(self, actor: Actor | str, *, members: bool = False) -> tuple[Claim, ...]:
        """The claims an actor (a record or an ``actor_id``) makes, in table order.

        With ``members``, also the claims of its members, at any depth: the claims by the
        Malian Armed Forces then include those by the Malian Air Force.

        >>> import conflict_claims as cc
        >>> d = cc.load()
        >>> len(d.claims_by("mali-fama")) < len(d.claims_by("mali-fama", members=True))
        True
        """
        claimants = {self.actor(actor).actor_id}
        if members:
            claimants.update(m.actor_id for m in self.members_of(actor, nested=True))
        return tuple(c for c in self.claims if c.claimant_id in claimants)
