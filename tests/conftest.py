"""Shared fixtures: real SQLite files in tmp_path, always closed afterwards."""

from __future__ import annotations

import pytest

from duunikulma_tui.domain.i18n import set_language
from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.store import open_store

from .builders import TODAY


@pytest.fixture(autouse=True)
def finnish_by_default():
    """Every test starts in Finnish, the app's default, whatever the last one set."""
    set_language("fi")
    yield
    set_language("fi")


@pytest.fixture
def store(tmp_path):
    """A fresh database file."""
    s = open_store(tmp_path / "test.db", device_name="testikone")
    yield s
    s.close()


@pytest.fixture
def desk(tmp_path):
    """A fresh database opened as a Desk, with today fixed to TODAY."""
    d = open_desk(tmp_path / "desk.db", today=lambda: TODAY)
    yield d
    d.close()
