"""Probe: start the app exactly as `duunikulma ARGS` does, headless, until data is shown.

    BENCH_T0=<time.monotonic() of the parent> python bench/probes/first_paint.py --db PATH

Goes through the real CLI (`duunikulma_tui.cli.main`): click, Settings,
open_desk, make_app. Only two things are hooked: the app runs headless
(80×24), and when MainScreen has handled its `Loaded` message and the screen
has refreshed once after it, this prints `first_paint=<seconds>` measured from
BENCH_T0 (CLOCK_MONOTONIC is system-wide, so the parent's clock reading just
before it started this process is comparable), then exits.
"""

from __future__ import annotations

import os
import sys
import time


def _hook(app) -> None:
    from duunikulma_tui.tui.screens.main import MainScreen

    handler = MainScreen.on_main_screen_loaded

    def loaded(screen, message) -> None:
        handler(screen, message)
        screen.call_after_refresh(_done, screen.app)

    MainScreen.on_main_screen_loaded = loaded
    real_run = app.run
    app.run = lambda *args, **kwargs: real_run(headless=True, size=(80, 24))


def _done(app) -> None:
    elapsed = time.monotonic() - float(os.environ["BENCH_T0"])
    # Straight to the file descriptor: Textual captures print() while running.
    os.write(1, f"first_paint={elapsed:.4f}\n".encode())
    app.exit()


def main() -> None:
    from duunikulma_tui import cli
    from duunikulma_tui.tui import factory

    make_app = factory.make_app

    def hooked(settings, desk):
        app = make_app(settings, desk)
        _hook(app)
        return app

    factory.make_app = hooked
    cli.main(sys.argv[1:])


if __name__ == "__main__":
    main()
