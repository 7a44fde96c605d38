"""The worked examples in the docstrings of ``analysis`` run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import analysis

MODULES = sorted(m.name for m in pkgutil.iter_modules(analysis.__path__, "analysis."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_models_carry_worked_examples() -> None:
    counted = {n: doctest.testmod(importlib.import_module(n)).attempted for n in
               ("analysis.distillation", "analysis.escalator", "analysis.ledger", "analysis.provenance")}
    assert all(counted.values()), counted
