"""Evaluate a chart's in-page Vega computation in Node (tests/vega_eval.mjs) for Python-twin tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent


def vega_datasets(spec: dict[str, Any], params: dict[str, float]) -> dict[str, pd.DataFrame]:
    """Every dataset the compiled chart computes with ``params`` set, as frames."""
    if shutil.which("node") is None or not (ROOT / "node_modules" / "vega-lite").is_dir():
        pytest.fail("node and node_modules (npm ci) are needed to run the page's own chart model")
    run = subprocess.run(["node", str(ROOT / "tests" / "vega_eval.mjs")], input=json.dumps(
        {"spec": spec, "params": params}), capture_output=True, text=True, cwd=ROOT, check=True)
    return {name: pd.DataFrame(rows) for name, rows in json.loads(run.stdout).items()}


def dataset_with(spec: dict[str, Any], params: dict[str, float], column: str) -> pd.DataFrame:
    """The last computed dataset that has ``column``: the one the chart's marks draw."""
    found = [f for f in vega_datasets(spec, params).values() if column in f.columns]
    assert found, f"no computed dataset carries {column!r}"
    return found[-1]
