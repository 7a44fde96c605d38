"""nbval fails when one input number changes: proof that the stored outputs are really checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, edit_cell


def run_nbval(notebook: Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEDGER_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", str(notebook)],
        capture_output=True, text=True, env=env, cwd=notebook.parent, timeout=600,
    )


@pytest.mark.slow
def test_nbval_reports_a_changed_capex_figure(tmp_path: Path, data_copy: Path) -> None:
    notebook = tmp_path / "intro.ipynb"
    shutil.copy(ROOT / "book" / "intro.ipynb", notebook)
    assert run_nbval(notebook, data_copy).returncode == 0, "the unchanged copy must pass"

    lines = (data_copy / "financials.csv").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("amazon,capex,FY2020,"))
    edit_cell(data_copy / "financials.csv", line, "value", "99999")
    edit_cell(data_copy / "financials.csv", line, "excerpt", "capital expenditures of 99,999")
    result = run_nbval(notebook, data_copy)
    assert result.returncode != 0
    assert "mismatch" in result.stdout.lower(), result.stdout[-2000:]
