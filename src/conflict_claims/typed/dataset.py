"""A whole dataset as typed records, with the cross-record rules and navigation."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    Source,
)

if TYPE_CHECKING:
    from conflict_claims.typed.frames import Frames
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

    def frames(self) -> Frames:
        """Every table as a pandas DataFrame with proper dtypes, validated by its typed model.

        >>> import conflict_claims as cc
        >>> claims = cc.load().frames().claims
        >>> str(claims["value_high"].dtype), str(claims["category"].dtype)
        ('Int64', 'category')
        """
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

    def _get(self, table: str, key: str) -> Any:
        try:
            return self._index[table][key]
        except KeyError:
            raise KeyError(f"no {table} row with id {key!r}") from None

    def event(self, event_id: str) -> Event:
        result: Event = self._get("events", event_id)
        return result

    def actor(self, actor_id: str) -> Actor:
        result: Actor = self._get("actors", actor_id)
        return result

    def source(self, source_id: str) -> Source:
        result: Source = self._get("sources", source_id)
        return result

    def claim(self, claim_id: str) -> Claim:
        result: Claim = self._get("claims", claim_id)
        return result

    # navigation from a claim
    def event_of(self, claim: Claim) -> Event:
        return self.event(claim.event_id)

    def claimant_of(self, claim: Claim) -> Actor:
        return self.actor(claim.claimant_id)

    def source_of(self, claim: Claim) -> Source:
        return self.source(claim.source_id)

    def subject_of(self, claim: Claim) -> Actor:
        return self.actor(claim.subject_id)

    # navigation from an event
    def claims_about(self, event: Event | str) -> tuple[Claim, ...]:
        event_id = event if isinstance(event, str) else event.event_id
        return tuple(c for c in self.claims if c.event_id == event_id)

    def participants_of(self, event: Event | str) -> tuple[Participant, ...]:
        event_id = event if isinstance(event, str) else event.event_id
        return tuple(p for p in self.participants if p.event_id == event_id)
