"""The loader: typed tables, and one clear error naming file, line and column for bad data."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_cell
from frictionless import Package

from analysis.data import DataError, descriptor, load, table_names, write
from analysis.provenance import figure_problem


def first_line_of(path: Path, column: str, value: str) -> int:
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    return next(i for i, r in enumerate(rows, start=2) if r[column] == value)


def assert_named(exc: pytest.ExceptionInfo[DataError], file: str, line: int, column: str) -> None:
    message = str(exc.value)
    assert f"/{file}:{line}: column '{column}'" in message or f"data/{file}:{line}: column '{column}'" in message, (
        message
    )


@pytest.mark.parametrize("name", table_names())
def test_every_table_loads_typed(name: str) -> None:
    frame = load(name)
    assert len(frame) > 0


def test_types_follow_the_descriptor() -> None:
    fin = load("financials")
    assert fin["value"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(fin["period_end"])
    assert pd.api.types.is_datetime64_any_dtype(load("sources")["published"])


def test_non_numeric_value(data_copy: Path) -> None:
    edit_cell(data_copy / "financials.csv", 5, "value", "12x")
    with pytest.raises(DataError) as exc:
        load("financials", data_copy)
    assert_named(exc, "financials.csv", 5, "value")
    assert "'12x' is not a valid number" in str(exc.value)


def test_missing_source_id(data_copy: Path) -> None:
    edit_cell(data_copy / "financials.csv", 3, "source_id", "")
    with pytest.raises(DataError) as exc:
        load("financials", data_copy)
    assert_named(exc, "financials.csv", 3, "source_id")
    assert "required but empty" in str(exc.value)


def test_unknown_source_id(data_copy: Path) -> None:
    edit_cell(data_copy / "financials.csv", 4, "source_id", "no-such-source")
    with pytest.raises(DataError) as exc:
        load("financials", data_copy)
    assert_named(exc, "financials.csv", 4, "source_id")
    assert "'no-such-source' is not a known source_id in table 'sources'" in str(exc.value)


def test_duplicate_key(data_copy: Path) -> None:
    path = data_copy / "financials.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load("financials", data_copy)
    assert_named(exc, "financials.csv", len(lines) + 1, "entity,metric,period")
    assert "duplicate key" in str(exc.value) and "first on line 2" in str(exc.value)


def test_value_outside_constraint(data_copy: Path) -> None:
    edit_cell(data_copy / "claims.csv", 6, "figure", "-3")
    with pytest.raises(DataError) as exc:
        load("claims", data_copy)
    assert_named(exc, "claims.csv", 6, "figure")
    assert "below the minimum 0" in str(exc.value)


def test_unknown_unit(data_copy: Path) -> None:
    edit_cell(data_copy / "financials.csv", 7, "unit", "usd_gazillion")
    with pytest.raises(DataError) as exc:
        load("financials", data_copy)
    assert_named(exc, "financials.csv", 7, "unit")
    assert "'usd_gazillion' is not one of the allowed values" in str(exc.value)


def test_unparseable_date(data_copy: Path) -> None:
    edit_cell(data_copy / "sources.csv", 2, "published", "31/12/2024")
    with pytest.raises(DataError) as exc:
        load("sources", data_copy)
    assert_named(exc, "sources.csv", 2, "published")
    assert "is not a valid date" in str(exc.value)


def test_every_bad_row_is_listed(data_copy: Path) -> None:
    for line in (2, 9, 30):
        edit_cell(data_copy / "financials.csv", line, "value", "n/a")
    with pytest.raises(DataError) as exc:
        load("financials", data_copy)
    assert len(exc.value.problems) == 3
    for line in (2, 9, 30):
        assert_named(exc, "financials.csv", line, "value")


def test_unknown_table_is_a_data_error() -> None:
    with pytest.raises(DataError, match="no table named 'capex_by_moon'"):
        load("capex_by_moon")


@pytest.mark.parametrize("name", table_names())
def test_round_trip_is_lossless(name: str, data_copy: Path) -> None:
    original = load(name, data_copy)
    write(original, name, data_copy)
    pd.testing.assert_frame_equal(load(name, data_copy), original)


def test_descriptor_validates_with_frictionless() -> None:
    from analysis.data import data_dir

    report = Package(str(data_dir() / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


SOURCED = [r for r in descriptor()["resources"] if "figureField" in r]


@pytest.mark.parametrize("res", SOURCED, ids=[r["name"] for r in SOURCED])
def test_every_sourced_row_states_its_figure(res: dict) -> None:
    frame = load(res["name"])
    figure = res["figureField"]
    problems = []
    for line, row in enumerate(frame.to_dict("records"), start=2):
        if pd.isna(row[figure]):
            continue
        why = figure_problem(row[figure], row["unit"], row["excerpt"], row.get("derivation"))
        if why:
            problems.append(f"data/{res['path']}:{line}: {why}")
    assert problems == []


def test_excerpt_check_catches_a_changed_figure(data_copy: Path) -> None:
    fin = load("financials", data_copy)
    row = fin[fin["derivation"].isna()].iloc[0]
    assert figure_problem(row["value"] + 7, row["unit"], row["excerpt"], None) is not None


def test_every_source_is_used() -> None:
    used = set().union(*(set(load(r["name"])["source_id"]) for r in SOURCED))
    unused = set(load("sources")["source_id"]) - used
    assert unused == set()
