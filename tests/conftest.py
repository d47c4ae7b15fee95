"""Fixtures shared by every test folder: the shipped catalog and the demo study."""

from __future__ import annotations

import pytest

from interviewer.core.catalog import Catalog, load_catalog_or_raise
from interviewer.core.demo import load_demo
from interviewer.core.store import Store
from interviewer.paths import vragenlijsten_dir


@pytest.fixture(scope="session")
def shipped() -> Catalog:
    """The toezichtkader and vragenlijsten as shipped (loaded once per test run)."""
    return load_catalog_or_raise([vragenlijsten_dir()])


def fresh_demo(catalog: Catalog) -> tuple[Store, str]:
    """A new in-memory store with the demo study loaded; returns it and the study id."""
    store = Store.memory()
    return store, load_demo(store, catalog)


@pytest.fixture(scope="module")
def demo(shipped: Catalog) -> tuple[Store, str]:
    """The demo study, shared by the tests of one module (they only read it)."""
    return fresh_demo(shipped)
