"""The "Reproduce" stamp at the foot of every chapter: what produced its outputs."""

from __future__ import annotations

import platform
from importlib.metadata import version

PACKAGES = ("pandas", "numpy", "altair", "jupyter-book", "myst-nb")


def stamp_markdown(chapter: str, data_fingerprint: str) -> str:
    """Markdown naming the command that reruns ``chapter`` and the versions that ran it."""
    versions = ", ".join(f"{p} {version(p)}" for p in PACKAGES)
    return (
        f"Rerun this page with `make chapter NAME={chapter}`. Data fingerprint `{data_fingerprint}` "
        f"(SHA-256 of `data/`); Python {platform.python_version()}; {versions}."
    )
