"""Tests of the mutation sample's drawing and of its fresh start (README "Testing")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import mutation_sample
from mutation_sample import drawn, fresh


def _names(functions: int, per_function: int) -> list[str]:
    return [
        f"conflict_claims.m.x_f{f}__mutmut_{k}"
        for f in range(functions)
        for k in range(1, per_function + 1)
    ]


def test_a_sample_is_the_same_for_the_same_seed_and_sorted() -> None:
    names = _names(40, 25)
    sample = drawn(names, 50, 14)
    assert sample == drawn(list(reversed(names)), 50, 14)
    assert sample == sorted(sample)
    assert len(set(sample)) == 50
    assert set(sample) <= set(names)


def test_another_seed_draws_another_sample() -> None:
    names = _names(40, 25)
    assert drawn(names, 50, 14) != drawn(names, 50, 15)


def test_a_smaller_sample_of_the_same_seed_is_part_of_a_larger_one() -> None:
    # CI's sample of 50 is scored by the documented run of 300 (README "Testing")
    names = _names(60, 25)
    assert set(drawn(names, 50, 14)) < set(drawn(names, 300, 14))


def test_a_change_to_one_function_redraws_only_that_functions_mutants() -> None:
    names = _names(40, 25)
    before = drawn(names, 50, 14)
    # function 7 rewritten: it now has 3 mutants instead of 25
    after_names = [n for n in names if "x_f7__" not in n] + _names(40, 25)[7 * 25 : 7 * 25 + 3]
    after = drawn(after_names, 50, 14)
    untouched_before = [n for n in before if "x_f7__" not in n]
    # every mutant drawn before, of a function the change did not touch, is drawn again
    assert set(untouched_before) <= set(after)
    # and the places freed by function 7's lost mutants go to mutants that ranked next
    assert len(after) == 50


def test_a_sample_of_more_than_every_mutant_is_every_mutant() -> None:
    names = _names(3, 4)
    assert drawn(names, 100, 14) == sorted(names)


def test_fresh_removes_the_work_folder_and_its_records(tmp_path: Path) -> None:
    folder = tmp_path / "mutants"
    (folder / "src" / "conflict_claims").mkdir(parents=True)
    (folder / "src" / "conflict_claims" / "cells.py.meta").write_text("{}", encoding="utf-8")
    fresh(folder)
    assert not folder.exists()
    assert tmp_path.exists()


def test_fresh_removes_a_link_without_following_it(tmp_path: Path) -> None:
    kept = tmp_path / "elsewhere"
    kept.mkdir()
    (kept / "keep.txt").write_text("kept", encoding="utf-8")
    link = tmp_path / "mutants"
    link.symlink_to(kept, target_is_directory=True)
    fresh(link)
    assert not link.exists()
    assert not link.is_symlink()
    assert (kept / "keep.txt").read_text(encoding="utf-8") == "kept"


def test_fresh_without_a_work_folder_does_nothing(tmp_path: Path) -> None:
    fresh(tmp_path / "mutants")
    assert list(tmp_path.iterdir()) == []


def _fake_mutmut(repo: Path, calls: list[tuple[str, ...]]) -> Callable[..., int]:
    """A stand-in for mutmut: generating writes two unrun mutants, running one kills only
    the first."""

    def run(*args: str) -> int:
        calls.append(args)
        meta = repo / "mutants" / "src" / "m.py.meta"
        found: dict[str, int | None]
        if "no-mutant-is-called-this*" in args:
            meta.parent.mkdir(parents=True, exist_ok=True)
            found = {"m.x_f__mutmut_1": None, "m.x_f__mutmut_2": None}
        else:
            found = {"m.x_f__mutmut_1": 1, "m.x_f__mutmut_2": 0}
        meta.write_text(json.dumps({"exit_code_by_key": found}), encoding="utf-8")
        return 0

    return run


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The fake mutmut's calls, with an earlier run's records left in tmp_path/mutants."""
    old = tmp_path / "mutants" / "src" / "old.py.meta"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"exit_code_by_key": {"old.x_g__mutmut_1": 0}}), encoding="utf-8")
    made: list[tuple[str, ...]] = []
    monkeypatch.setattr(mutation_sample, "REPO", tmp_path)
    monkeypatch.setattr(mutation_sample, "_mutmut", _fake_mutmut(tmp_path, made))
    return made


def test_a_run_forgets_an_earlier_runs_records(
    tmp_path: Path, calls: list[tuple[str, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert mutation_sample.main(["--sample", "0", "--min-score", "50"]) == 0
    assert not (tmp_path / "mutants" / "src" / "old.py.meta").exists()
    assert calls[1] == ("run", "--max-children", "2", "m.x_f__mutmut_1", "m.x_f__mutmut_2")
    out = capsys.readouterr().out
    assert "  survived (0): m.x_f__mutmut_2\n" in out
    assert "mutation score 50.0% (1 killed of 2; 0 judged equivalent; bar 50%)" in out


def test_reuse_keeps_an_earlier_runs_records(
    calls: list[tuple[str, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert mutation_sample.main(["--sample", "0", "--reuse"]) == 1
    assert len(calls) == 2
    out = capsys.readouterr().out
    assert "  survived (0): old.x_g__mutmut_1\n" in out
    assert "mutation score 33.3% (1 killed of 3; 0 judged equivalent; bar 90%)" in out
