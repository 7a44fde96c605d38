"""Shared fixtures: the repository root and a scratch copy of data/ for tests that break it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (reproducible CI) with no per-example deadline.
settings.register_profile("ledger", derandomize=True, deadline=None, max_examples=200)
settings.load_profile("ledger")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell of a CSV (1-based line as an editor shows it, header on line 1)."""
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
