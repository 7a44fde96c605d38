"""Keep the paired notebooks in step with their sources, data and code.

``python -m tools.ledger_build execute [--only NAME] [--force]``
    For each chapter in table-of-contents order: bring the ``.ipynb`` cells in line with the
    ``.md`` (the source people edit), then re-execute it when its inputs changed. Its inputs
    are the ``.md`` text, every module of ``analysis/``, ``requirements.txt``, the data package
    descriptor, ``sources.csv`` and every table the chapter loads — so a data edit re-runs the
    chapters that read it. The inputs' hash is kept in the notebook's metadata.
``python -m tools.ledger_build check-data``
    Load every table of ``data/`` through the validating loader; print every problem and exit 1.
``python -m tools.ledger_build claims``
    Recompute the seed claims the chapters test and write them into ``data/claims.csv``.
``python -m tools.ledger_build sentences``
    List every number-bearing sentence of the seeds in ``data/seed_sentences.csv``, keeping the
    "not a claim" reasons already given; print the sentences no claim or reason answers for.
``python -m tools.ledger_build drift``
    List the pairs whose ``.md`` and ``.ipynb`` cells differ (exit 1 when any does).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
import pandas as pd
import yaml
from nbclient import NotebookClient

from analysis import circular, distillation, energy, escalator, ledger, scorecard, seedtext
from analysis.data import DataError, load, seed_texts, table_names, write

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
TIMEOUT_S = 600
#: Notebooks that read other notebooks' outputs (the bibliography) run after all the others.
READS_NOTEBOOKS = "notebook_citations"
_LOADS = re.compile(r"""load\(\s*["']([a-z_]+)["']""")


def chapters(root: Path = ROOT) -> list[str]:
    """Chapter names (``book/<name>``) in table-of-contents order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    entries = [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]
    return [Path(e).name for e in entries]


def cell_inputs(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(cell type, source) of every cell: what pairing must keep equal."""
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def drifted(name: str, book: Path = BOOK) -> bool:
    """True when ``book/<name>.md`` and ``book/<name>.ipynb`` hold different cells."""
    md = jupytext.read(book / f"{name}.md")
    ipynb = nbformat.read(book / f"{name}.ipynb", as_version=4)
    return cell_inputs(md) != cell_inputs(ipynb)


def tables_read(source: str) -> list[str]:
    """Tables a chapter loads, from its ``load("name")`` calls."""
    return sorted(set(_LOADS.findall(source)))


def inputs_hash(name: str, root: Path = ROOT) -> str:
    """SHA-256 over everything a chapter's outputs depend on."""
    book = root / "book"
    source = (book / f"{name}.md").read_text(encoding="utf-8")
    paths = [*sorted((root / "analysis").glob("*.py")), root / "requirements.txt"]
    paths += [root / "data" / "datapackage.json", root / "data" / "sources.csv"]
    read = sorted((root / "data").glob("*.csv")) if "table_names()" in source else [
        root / "data" / f"{t}.csv" for t in tables_read(source)]
    paths += read
    if READS_NOTEBOOKS in source:
        paths += [p for p in sorted(book.glob("*.ipynb")) if p.stem != name]
    digest = hashlib.sha256(source.encode("utf-8"))
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode("utf-8"))
        digest.update(_content_for_hash(path))
    return digest.hexdigest()


def _content_for_hash(path: Path) -> bytes:
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return repr([(c.source, c.get("outputs", [])) for c in nb.cells]).encode("utf-8")
    return path.read_bytes() if path.exists() else b"<missing>"


def synced_notebook(name: str, book: Path = BOOK) -> nbformat.NotebookNode:
    """The ``.ipynb`` with the ``.md`` cells, keeping outputs of cells whose source is unchanged.

    Cell ids are derived from each cell's position and source, so a rebuild writes the same bytes.
    """
    md = jupytext.read(book / f"{name}.md")
    for index, cell in enumerate(md.cells):
        cell.id = hashlib.sha1(f"{index}:{cell.cell_type}:{cell.source}".encode()).hexdigest()[:8]
    path = book / f"{name}.ipynb"
    if not path.exists():
        return md
    old = nbformat.read(path, as_version=4)
    outputs = {c.source: c for c in old.cells if c.cell_type == "code"}
    for cell in md.cells:
        if cell.cell_type == "code" and cell.source in outputs:
            cell.outputs = outputs[cell.source].outputs
            cell.execution_count = outputs[cell.source].execution_count
    md.metadata["ledger"] = old.metadata.get("ledger", {})
    return md


def execute(name: str, force: bool = False, root: Path = ROOT) -> str:
    """Sync and, when its inputs changed (or ``force``), re-execute one chapter; say what was done."""
    book = root / "book"
    nb = synced_notebook(name, book)
    digest = inputs_hash(name, root)
    path = book / f"{name}.ipynb"
    stale = not path.exists() or cell_inputs(nb) != cell_inputs(nbformat.read(path, as_version=4))
    if not force and not stale and nb.metadata.get("ledger", {}).get("inputs_sha256") == digest:
        return "up to date"
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    started = time.monotonic()
    NotebookClient(nb, timeout=TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": str(book)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata["ledger"] = {"inputs_sha256": digest}
    nbformat.write(nb, path)
    return f"executed in {time.monotonic() - started:.1f} s"


def ordered(names: list[str], root: Path = ROOT) -> list[str]:
    """Chapters that read other notebooks' outputs go last."""
    reads = {n for n in names if READS_NOTEBOOKS in (root / "book" / f"{n}.md").read_text(encoding="utf-8")}
    return [n for n in names if n not in reads] + [n for n in names if n in reads]


#: Each chapter's claim checks: (tables by name) -> list of ledger.Recomputed.
CLAIM_CHECKS = [escalator.claim_checks, circular.claim_checks, distillation.claim_checks, energy.claim_checks,
                scorecard.claim_checks]


def recomputed_claims() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The claims table with every chapter's judged readings filled in, and every reading."""
    tables = {name: load(name) for name in ("financials", "claims", "deals", "model_prices", "fx_rates", "capability",
                                              "energy_estimates", "electricity_generation", "campuses", "facts")}
    rows = [row for check in CLAIM_CHECKS for row in check(tables)]
    return ledger.apply(tables["claims"], rows), ledger.readings_table(rows)


def seed_sentences() -> pd.DataFrame:
    """The number-bearing sentences of the seeds as ``seed_sentences`` rows, with the reasons
    already recorded for the same sentence text carried over."""
    old = load("seed_sentences")
    kept = {(r.seed_file, r.text): r for r in old.itertuples()}
    rows = []
    for s in seedtext.number_bearing(seed_texts()):
        prior = kept.get((s.seed_file, s.text))
        rows.append({"seed_file": s.seed_file, "sentence": s.number, "lang": s.lang, "text": s.text,
                     "not_a_claim": prior.not_a_claim if prior else None,
                     "see_claim": prior.see_claim if prior else None, "why": prior.why if prior else None})
    return pd.DataFrame(rows, columns=old.columns).astype({"sentence": "int64"})


def check_data() -> int:
    """Load every table; print each problem (file, line, column) and return 1 if any."""
    failed = False
    for name in table_names():
        try:
            frame = load(name)
        except DataError as exc:
            print(exc, file=sys.stderr)
            failed = True
        else:
            problems = energy.campus_problems(frame) if name == "campuses" else []
            for problem in problems:
                print(problem, file=sys.stderr)
            failed = failed or bool(problems)
            print(f"    {name}: {len(frame)} rows {'with problems' if problems else 'valid'}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["execute", "drift", "check-data", "claims", "sentences"])
    parser.add_argument("--only", help="one chapter name, e.g. intro")
    parser.add_argument("--force", action="store_true", help="re-execute even when inputs are unchanged")
    args = parser.parse_args(argv)
    if args.command == "check-data":
        return check_data()
    if args.command == "claims":
        table, readings = recomputed_claims()
        write(table, "claims")
        write(readings, "readings")
        print(f"    claims: {table['verdict'].notna().sum()} of {len(table)} judged, {len(readings)} readings")
        return 0
    if args.command == "sentences":
        table = seed_sentences()
        write(table, "seed_sentences")
        problems = seedtext.coverage_problems(seedtext.seed_sentence_rows(table),
                                              seedtext.claim_quotes(load("claims")))
        for problem in problems:
            print(f"    {problem}")
        print(f"    seed_sentences: {len(table)} number-bearing sentences, {len(problems)} problems")
        return 1 if problems else 0
    names = chapters()
    if args.only:
        if args.only not in names:
            parser.error(f"no chapter {args.only!r}; chapters: {', '.join(names)}")
        names = [args.only] + [n for n in ordered(names) if n != args.only and READS_NOTEBOOKS in
                               (BOOK / f"{n}.md").read_text(encoding="utf-8")]
    if args.command == "drift":
        bad = [n for n in names if drifted(n)]
        for n in bad:
            print(f"book/{n}.md and book/{n}.ipynb have drifted: run `make book`")
        return 1 if bad else 0
    for i, name in enumerate(ordered(names), 1):
        print(f"[{i}/{len(names)}] book/{name}: ", end="", flush=True)
        print(execute(name, force=args.force and (not args.only or name == args.only)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
