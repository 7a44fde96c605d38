"""Pairing and change detection: the .md is the source, the .ipynb holds outputs that match it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools.ledger_build import ROOT, chapters, drifted, inputs_hash, tables_read


@pytest.mark.parametrize("name", chapters())
def test_pair_has_not_drifted(name: str) -> None:
    assert not drifted(name), f"book/{name}.md and .ipynb differ: run `make book`"


@pytest.mark.parametrize("name", chapters())
def test_stored_outputs_are_from_the_current_inputs(name: str) -> None:
    import nbformat

    nb = nbformat.read(ROOT / "book" / f"{name}.ipynb", as_version=4)
    assert nb.metadata.get("ledger", {}).get("inputs_sha256") == inputs_hash(name), (
        f"book/{name}.ipynb was executed on other inputs: run `make book`"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for part in ("book", "analysis", "data"):
        shutil.copytree(ROOT / part, tmp_path / part)
    for part in ("_toc.yml", "requirements.txt"):
        shutil.copy(ROOT / part, tmp_path / part)
    return tmp_path


def test_drift_is_detected(project: Path) -> None:
    md = project / "book" / "intro.md"
    md.write_text(md.read_text(encoding="utf-8").replace("charts.enable()", "charts.enable()\n1 + 1"),
                  encoding="utf-8")
    assert drifted("intro", project / "book")


def test_a_data_edit_changes_the_hash_of_chapters_that_read_it(project: Path) -> None:
    before = inputs_hash("intro", project)
    path = project / "data" / "financials.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert inputs_hash("intro", project) != before


def test_an_unread_table_leaves_the_hash_alone(project: Path) -> None:
    assert "deals" not in tables_read((project / "book" / "intro.md").read_text(encoding="utf-8"))
    before = inputs_hash("intro", project)
    path = project / "data" / "deals.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert inputs_hash("intro", project) == before


def test_tables_read() -> None:
    assert tables_read('a = load("financials")\nb = load( "deals" )') == ["deals", "financials"]


def test_cell_ids_are_stable_across_syncs() -> None:
    from tools.ledger_build import synced_notebook

    first = [c.id for c in synced_notebook("intro").cells]
    assert first == [c.id for c in synced_notebook("intro").cells]
    assert len(set(first)) == len(first)
