"""What every command module shares: the user-error exit and opening the desk."""

from __future__ import annotations

from pathlib import Path

import click

from duunikulma_tui.domain.i18n import t

EXIT_USAGE = 2


class UserError(click.ClickException):
    """A problem the user can fix: one line on stderr, exit status 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:  # noqa: D102 - click's hook
        click.echo(self.format_message(), err=True)


def open_desk_or_exit(path: Path):
    """Open the database, or exit with one line and status 2 saying what is wrong."""
    from duunikulma_tui.services.desk import open_desk
    from duunikulma_tui.store import StoreError

    try:
        return open_desk(path)
    except StoreError as err:
        raise UserError(t(f"store.{err.code}", path=err.path, **err.params)) from None
