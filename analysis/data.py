"""Load the book's tables, validated against ``data/datapackage.json`` on every load.

The descriptor (a Frictionless Data Package) is the one place a schema is written: field
names, types, constraints, primary and foreign keys. This module reads it and checks each
CSV row by row, collecting every problem before it raises one :class:`DataError` whose
message names the file, the line, the column and what is wrong.

This is the only module of ``analysis`` that reads or writes files.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import math
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
DESCRIPTOR_NAME = "datapackage.json"
MISSING_VALUES = ("",)


class DataError(ValueError):
    """Bad data in ``data/``: the message lists every bad cell as ``file:line: column: problem``."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [p.render() for p in problems]
        super().__init__(f"{len(problems)} problem(s) in the book's data:\n" + "\n".join(lines))


@dataclass(frozen=True)
class Problem:
    """One bad cell or row: where it is (file, 1-based line as an editor shows it, column) and why."""

    file: str
    line: int
    column: str
    message: str

    def render(self) -> str:
        return f"  {self.file}:{self.line}: column '{self.column}': {self.message}"


def data_dir() -> Path:
    """The data folder: ``$LEDGER_DATA_DIR`` when set (tests use a copy), else ``<repo>/data``."""
    return Path(os.environ.get("LEDGER_DATA_DIR", REPO_ROOT / "data"))


def descriptor(directory: Path | None = None) -> dict[str, Any]:
    """The parsed Data Package descriptor."""
    path = (directory or data_dir()) / DESCRIPTOR_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError([Problem(_display(path), 1, "-", f"cannot read the descriptor: {exc}")]) from exc


def table_names(directory: Path | None = None) -> list[str]:
    """Names of every table (resource) in the descriptor, in descriptor order."""
    return [r["name"] for r in descriptor(directory)["resources"]]


def resource(name: str, directory: Path | None = None) -> dict[str, Any]:
    """The descriptor entry of one table; an unknown name is a :class:`DataError`."""
    for entry in descriptor(directory)["resources"]:
        if entry["name"] == name:
            return entry
    known = ", ".join(table_names(directory))
    raise DataError([Problem(DESCRIPTOR_NAME, 1, "-", f"no table named {name!r} (tables: {known})")])


def load(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Load one table as a typed DataFrame, validated against its Table Schema.

    Numbers become float64, integers nullable Int64, dates datetime64 (day precision),
    booleans nullable boolean, strings object. Raises :class:`DataError` listing every bad cell.
    """
    directory = directory or data_dir()
    res = resource(name, directory)
    rows, problems = _validated_rows(res, directory)
    if problems:
        raise DataError(problems)
    return _to_frame(res, rows)


def write(frame: pd.DataFrame, name: str, directory: Path | None = None) -> Path:
    """Write a table back as CSV in the descriptor's column order (the inverse of :func:`load`)."""
    directory = directory or data_dir()
    res = resource(name, directory)
    fields = res["schema"]["fields"]
    path = directory / res["path"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([f["name"] for f in fields])
        for record in frame.to_dict("records"):
            writer.writerow([_format_cell(record[f["name"]], f["type"]) for f in fields])
    return path


# --- validation -------------------------------------------------------------------------------


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _read_raw(res: dict[str, Any], directory: Path) -> tuple[str, list[str], list[tuple[int, list[str]]]]:
    """Header and rows of a CSV with the line number on which each row starts."""
    path = directory / res["path"]
    shown = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(shown, 1, "-", f"cannot read the file: {exc}")]) from exc
    reader = csv.reader(text.splitlines(keepends=True))
    rows: list[tuple[int, list[str]]] = []
    header: list[str] = []
    start = 1
    for record in reader:
        if not header:
            header = record
        elif record:
            rows.append((start, record))
        start = reader.line_num + 1
    return shown, header, rows


def _validated_rows(res: dict[str, Any], directory: Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    shown, header, raw_rows = _read_raw(res, directory)
    schema = res["schema"]
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    problems: list[Problem] = []
    if header != names:
        problems.append(Problem(shown, 1, "-", f"header is {header}, the descriptor says {names}"))
        return [], problems
    rows: list[dict[str, Any]] = []
    for line, record in raw_rows:
        if len(record) != len(names):
            problems.append(Problem(shown, line, "-", f"has {len(record)} cells, expected {len(names)}"))
            continue
        row: dict[str, Any] = {"__line__": line}
        for field, cell in zip(fields, record, strict=True):
            value, message = _parse_cell(cell, field)
            if message:
                problems.append(Problem(shown, line, field["name"], message))
            row[field["name"]] = value
        rows.append(row)
    problems += _key_problems(shown, schema, rows)
    problems += _foreign_key_problems(shown, schema, rows, directory)
    return rows, problems


def _parse_cell(cell: str, field: dict[str, Any]) -> tuple[Any, str | None]:
    """Parse one cell by its field type and check its constraints; return (value, problem)."""
    constraints = field.get("constraints", {})
    if cell in MISSING_VALUES:
        return None, ("is required but empty" if constraints.get("required") else None)
    kind = field.get("type", "string")
    try:
        value = _PARSERS[kind](cell)
    except (ValueError, KeyError):
        return None, f"{cell!r} is not a valid {kind}"
    return value, _constraint_problem(value, cell, constraints)


def _parse_number(cell: str) -> float:
    if not re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", cell):
        raise ValueError(cell)
    number = float(cell)
    if not math.isfinite(number):
        raise ValueError(cell)
    return number


def _parse_integer(cell: str) -> int:
    if not re.fullmatch(r"-?\d+", cell):
        raise ValueError(cell)
    return int(cell)


def _parse_date(cell: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        raise ValueError(cell)
    return date.fromisoformat(cell)


def _parse_boolean(cell: str) -> bool:
    return {"true": True, "false": False}[cell]


_PARSERS = {
    "string": str,
    "number": _parse_number,
    "integer": _parse_integer,
    "date": _parse_date,
    "boolean": _parse_boolean,
}


def _constraint_problem(value: Any, cell: str, constraints: dict[str, Any]) -> str | None:
    allowed = constraints.get("enum")
    if allowed is not None and (cell if all(isinstance(a, str) for a in allowed) else value) not in allowed:
        shown = ", ".join(str(a) for a in allowed[:8]) + (f", ... ({len(allowed)} allowed; see data/datapackage.json)"
                                           if len(allowed) > 8 else "")
        return f"{cell!r} is not one of the allowed values: {shown}"
    if "minimum" in constraints and value < _bound(constraints["minimum"], value):
        return f"{cell} is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and value > _bound(constraints["maximum"], value):
        return f"{cell} is above the maximum {constraints['maximum']}"
    if "maxLength" in constraints and len(cell) > constraints["maxLength"]:
        return f"is {len(cell)} characters long, over the maximum {constraints['maxLength']}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], cell):
        return f"{cell!r} does not match the pattern {constraints['pattern']}"
    return None


def _bound(bound: Any, value: Any) -> Any:
    return date.fromisoformat(bound) if isinstance(value, date) else bound


def _key_problems(shown: str, schema: dict[str, Any], rows: list[dict[str, Any]]) -> list[Problem]:
    key = _as_list(schema.get("primaryKey"))
    if not key:
        return []
    seen: dict[tuple[Any, ...], int] = {}
    problems = []
    for row in rows:
        value = tuple(row[k] for k in key)
        if value in seen:
            problems.append(
                Problem(shown, row["__line__"], ",".join(key), f"duplicate key {value} (first on line {seen[value]})")
            )
        else:
            seen[value] = row["__line__"]
    return problems


def _foreign_key_problems(
    shown: str, schema: dict[str, Any], rows: list[dict[str, Any]], directory: Path
) -> list[Problem]:
    problems = []
    for fk in schema.get("foreignKeys", []):
        fields = _as_list(fk["fields"])
        target = fk["reference"]["resource"] or schema_owner(schema, directory)
        target_fields = _as_list(fk["reference"]["fields"])
        _, target_header, target_rows = _read_raw(resource(target, directory), directory)
        index = [target_header.index(f) for f in target_fields]
        known = {tuple(r[i] for i in index) for _, r in target_rows if len(r) == len(target_header)}
        for row in rows:
            value = tuple(row[f] for f in fields)
            if any(v is None for v in value):
                continue
            if tuple(str(v) for v in value) not in known:
                problems.append(
                    Problem(shown, row["__line__"], ",".join(fields), f"{value[0] if len(value) == 1 else value!r} "
                            f"is not a known {','.join(target_fields)} in table {target!r}")
                )
    return problems


def schema_owner(schema: dict[str, Any], directory: Path) -> str:
    """The name of the table whose schema this is (a self-referencing foreign key names "")."""
    return next(r["name"] for r in descriptor(directory)["resources"] if r["schema"] is schema
                or r["schema"] == schema)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


# --- typing -----------------------------------------------------------------------------------

_DTYPES = {"number": "float64", "integer": "Int64", "boolean": "boolean", "string": "object"}


def _to_frame(res: dict[str, Any], rows: list[dict[str, Any]]) -> pd.DataFrame:
    fields = res["schema"]["fields"]
    columns = {}
    for field in fields:
        values = [row[field["name"]] for row in rows]
        if field.get("type") == "date":
            columns[field["name"]] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        else:
            columns[field["name"]] = pd.Series(values, dtype=_DTYPES[field.get("type", "string")])
    return pd.DataFrame(columns)


def _format_cell(value: Any, kind: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if kind == "number":
        text = repr(float(value))
        return text[:-2] if text.endswith(".0") else text
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


# --- provenance across the book ---------------------------------------------------------------

_FIGURE = re.compile(r'<figure class="ledger-figure" data-source-ids="([^"]*)" data-chart-title="([^"]*)"')


def notebook_citations(book: Path | None = None) -> pd.DataFrame:
    """Which chart of which page cites which source, read from the stored outputs of every
    ``book/*.ipynb``: columns page, chart_title, source_id (one row per pair)."""
    book = book or REPO_ROOT / "book"
    rows = []
    for path in sorted(book.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                text = output.get("data", {}).get("text/html", "")
                for ids, title in _FIGURE.findall(text if isinstance(text, str) else "".join(text)):
                    rows += [(path.stem, html.unescape(title), sid) for sid in ids.split()]
    return pd.DataFrame(rows, columns=["page", "chart_title", "source_id"]).drop_duplicates()


def data_fingerprint(directory: Path | None = None) -> str:
    """SHA-256 (first 12 hex digits) over the descriptor and every table it lists."""
    directory = directory or data_dir()
    digest = hashlib.sha256((directory / DESCRIPTOR_NAME).read_bytes())
    for name in table_names(directory):
        digest.update((directory / resource(name, directory)["path"]).read_bytes())
    return digest.hexdigest()[:12]


def page_titles(book: Path | None = None) -> dict[str, str]:
    """Each page's title (its first ``# `` heading), by page name."""
    book = book or REPO_ROOT / "book"
    titles = {}
    for path in sorted(book.glob("*.md")):
        heads = [ln[2:].strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("# ")]
        titles[path.stem] = heads[0] if heads else path.stem
    return titles


def seeds_dir() -> Path:
    """Where the seed articles are: ``$LEDGER_SEEDS_DIR`` when set, else ``shared/seeds`` beside the repository."""
    return Path(os.environ.get("LEDGER_SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))


def seed_texts(directory: Path | None = None) -> dict[str, tuple[str, str]]:
    """Each seed article's text and language, by file name, for the seeds listed in ``seeds.csv``;
    a listed seed whose file is missing is a :class:`DataError`."""
    folder = directory or seeds_dir()
    out, problems = {}, []
    for line, row in enumerate(load("seeds").itertuples(), start=2):
        path = folder / row.seed_file
        if not path.is_file():
            problems.append(Problem("seeds.csv", line, "seed_file", f"no such seed article: {_display(path)}"))
            continue
        out[row.seed_file] = (path.read_text(encoding="utf-8"), row.lang)
    if problems:
        raise DataError(problems)
    return out
