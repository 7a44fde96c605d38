"""The loader: typed tables, and one clear error naming file, line and column for bad data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_cell
from frictionless import Package

from analysis.data import DataError, descriptor, load, table_names, write
from analysis.provenance import figure_columns, figure_problem, sourced_figure_problems


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


BAD_CELLS = [
    # (class of bad input, table, line, column, bad value, what the message must say)
    ("non-numeric value", "financials", 5, "value", "12x", "'12x' is not a valid number"),
    ("missing source_id", "financials", 3, "source_id", "", "required but empty"),
    ("unknown source_id", "financials", 4, "source_id", "no-such-source",
     "'no-such-source' is not a known source_id in table 'sources'"),
    ("value outside its constraint", "claims", 6, "figure", "-3", "below the minimum 0"),
    ("unknown unit", "financials", 7, "unit", "usd_gazillion", "'usd_gazillion' is not one of the allowed values"),
    ("unparseable date", "sources", 2, "published", "31/12/2024", "is not a valid date"),
    ("non-numeric price", "model_prices", 3, "input_price", "cheap", "'cheap' is not a valid number"),
    ("unknown currency", "model_prices", 4, "currency", "EUR", "'EUR' is not one of the allowed values: USD, CNY"),
    ("tokens per price not allowed", "model_prices", 5, "per_tokens", "500", "'500' is not one of the allowed values"),
    ("negative exchange rate", "fx_rates", 2, "per_usd", "-7.1", "below the minimum 0"),
    ("unknown benchmark", "capability", 2, "benchmark", "vibes", "'vibes' is not one of the allowed values"),
]


@pytest.mark.parametrize(("case", "table", "line", "column", "bad", "says"), BAD_CELLS, ids=[c[0] for c in BAD_CELLS])
def test_bad_cell_is_named(data_copy: Path, case: str, table: str, line: int, column: str, bad: str,
                           says: str) -> None:
    edit_cell(data_copy / f"{table}.csv", line, column, bad)
    with pytest.raises(DataError) as exc:
        load(table, data_copy)
    assert_named(exc, f"{table}.csv", line, column)
    assert says in str(exc.value)


def test_duplicate_key(data_copy: Path) -> None:
    path = data_copy / "financials.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load("financials", data_copy)
    assert_named(exc, "financials.csv", len(lines) + 1, "entity,metric,period")
    assert "duplicate key" in str(exc.value) and "first on line 2" in str(exc.value)


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


SOURCED = [r for r in descriptor()["resources"] if figure_columns(r)]


def test_every_table_with_sources_is_checked() -> None:
    assert {r["name"] for r in SOURCED} == {"financials", "deals", "model_prices", "fx_rates", "capability",
                                            "energy_estimates", "electricity_generation", "campuses", "facts",
                                                "precedent"}
    assert figure_columns(next(r for r in SOURCED if r["name"] == "deals")) == ["amount", "gw"]
    assert figure_columns(next(r for r in SOURCED if r["name"] == "model_prices")) == ["input_price", "output_price"]


@pytest.mark.parametrize("res", SOURCED, ids=[r["name"] for r in SOURCED])
def test_every_figure_of_every_sourced_row_is_in_its_excerpt(res: dict) -> None:
    assert sourced_figure_problems(res, load(res["name"])) == []


def test_a_new_numeric_column_is_checked_without_editing_the_test() -> None:
    res = {"path": "t.csv", "schema": {"fields": [{"name": "source_id", "type": "string"},
                                                  {"name": "value", "type": "number"},
                                                  {"name": "mw", "type": "number", "unit": "count"}]}}
    frame = pd.DataFrame({"source_id": ["s"], "value": [80.0], "unit": ["usd_bn"], "mw": [450.0],
                          "excerpt": ["capex of $80 billion"], "mw_excerpt": [None]})
    assert sourced_figure_problems(res, frame) == ["data/t.csv:2: column 'mw': the excerpt does not state 450 (count)"]
    frame["mw_excerpt"] = ["a 450 MW campus"]
    assert sourced_figure_problems(res, frame) == []


def test_excerpt_check_catches_a_changed_figure(data_copy: Path) -> None:
    fin = load("financials", data_copy)
    row = fin[fin["derivation"].isna()].iloc[0]
    assert figure_problem(row["value"] + 7, row["unit"], row["excerpt"], None) is not None


def test_every_source_is_used() -> None:
    used = set().union(*(set(load(r["name"])["source_id"]) for r in SOURCED))
    used |= set(load("deals")["gw_source_id"].dropna())
    used |= {s for r in descriptor()["resources"] if r["name"] not in ("sources",) and "source_id" in
             {f["name"] for f in r["schema"]["fields"]} for s in load(r["name"])["source_id"]}
    unused = set(load("sources")["source_id"]) - used
    assert unused == set()


def test_build_step_prints_the_message_not_a_traceback(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from tools.ledger_build import check_data

    edit_cell(data_copy / "financials.csv", 5, "value", "12x")
    monkeypatch.setenv("LEDGER_DATA_DIR", str(data_copy))
    assert check_data() == 1
    err = capsys.readouterr().err
    assert "financials.csv:5: column 'value': '12x' is not a valid number" in err
    assert "Traceback" not in err


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles (../shared/seeds) are not beside this clone")
def test_every_claim_quotes_its_seed_verbatim() -> None:
    def squash(text: str) -> str:
        return " ".join(text.split())

    seeds = {p.name: squash(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    claims = load("claims").itertuples()
    missing = [row.claim_id for row in claims if squash(row.quote_original) not in seeds[row.seed_file]]
    assert missing == []
