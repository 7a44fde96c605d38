"""Numbers for the prose: place computed values in the text with myst-nb ``glue``."""

from __future__ import annotations

from typing import Any

import numpy as np
from myst_nb import glue


def plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (glue formats only plain numbers)."""
    return value.item() if isinstance(value, np.generic) else value


def glue_values(**values: Any) -> None:
    """Glue each keyword as a hidden value, to be placed with ``{glue:text}`name:format```."""
    for name, value in values.items():
        glue(name, plain(value), display=False)
