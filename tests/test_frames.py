"""Dataset.frames(): dtypes, values equal to the records, and the typed Pandera models."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

import conflict_claims as cc
from conflict_claims.contract.tables import TABLES
from conflict_claims.dataframe_schemas.typed import TYPED_MODELS, ClaimsTyped
from loaded import bundled


def test_dtypes_follow_the_contract() -> None:
    for name, frame in cc.frames().items():
        for column in TABLES[name].columns:
            dtype = frame[column.name].dtype
            if column.enum:
                assert isinstance(dtype, pd.CategoricalDtype)
                assert list(dtype.categories) == list(column.enum)
            elif column.kind == "integer":
                assert dtype == pd.Int64Dtype()
            elif column.kind == "date":
                assert dtype.kind == "M"
            else:
                assert dtype == pd.StringDtype()


def test_values_equal_the_records() -> None:
    d = bundled()
    claims = d.frames().claims
    assert len(claims) == len(d.claims)
    for record, row in zip(d.claims, claims.itertuples(index=False), strict=True):
        assert row.value_low == record.value_low
        assert (record.value_high is None) == pd.isna(row.value_high)
        if record.claimed_on is not None:
            assert row.claimed_on.date() == record.claimed_on


def test_extra_columns_come_as_text_and_empty_tables_keep_their_columns() -> None:
    d = bundled()
    claims = tuple(c.model_copy(update={"reviewer": "Léré"}) for c in d.claims)
    # model_copy skips the dataset rules: a frame of an empty table must still be typed
    f = d.model_copy(update={"claims": claims, "events": ()}).frames()
    assert f.claims["reviewer"].dtype == pd.StringDtype()
    assert list(f.events.columns) == list(TABLES["events"].column_names)
    assert len(f.events) == 0


def test_typed_models_reject_a_broken_frame() -> None:
    claims = cc.frames().claims.copy()
    claims.loc[0, "value_high"] = claims.loc[0, "value_low"] - 1
    with pytest.raises(pa.errors.SchemaError, match="value-order"):
        ClaimsTyped.validate(claims)
    assert set(TYPED_MODELS) == set(TABLES)


def test_polars_frames_have_the_contract_dtypes_and_the_records_values() -> None:
    import polars as pl

    d = bundled()
    frames = d.frames(backend="polars")
    for name, frame in frames.items():
        records = d.tables()[name]
        assert frame.height == len(records)
        for column in TABLES[name].columns:
            dtype = frame.schema[column.name]
            if column.enum:
                assert dtype == pl.Enum(list(column.enum))
            elif column.is_list:
                assert dtype == pl.List(pl.String)
            else:
                assert dtype == {"integer": pl.Int64, "date": pl.Date}.get(column.kind, pl.String)
            values = frame[column.name].to_list()
            expected = [getattr(r, column.name) for r in records]
            if column.is_list:
                expected = [list(v) for v in expected]
            assert values == expected, (name, column.name)


def test_frames_refuse_an_unknown_backend() -> None:
    with pytest.raises(ValueError, match="'pandas' or 'polars'"):
        bundled().frames(backend="arrow")  # type: ignore[call-overload]
