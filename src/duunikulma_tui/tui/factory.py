"""Building the app the same way for the CLI and the tests."""

from __future__ import annotations

from duunikulma_tui.domain.i18n import set_language
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.settings import Settings


def make_app(settings: Settings, desk: Desk):
    """The configured DuunikulmaApp over an open Desk (language set first)."""
    set_language(settings.language)
    from duunikulma_tui.tui.app import DuunikulmaApp

    return DuunikulmaApp(desk, low_bandwidth=settings.low_bandwidth)
