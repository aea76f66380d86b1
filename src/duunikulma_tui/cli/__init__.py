"""The `duunikulma` command.

Kept light on purpose: `--help` must answer in well under 0.3 s, so Textual,
sqlite-utils and pydantic are imported only inside the commands that need
them. The language is settled before the commands are built, so help texts
come from the catalogs in the chosen language too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from duunikulma_tui.domain.i18n import SUPPORTED_LANGUAGES, set_language, t
from duunikulma_tui.cli.common import UserError, open_desk_or_exit
from duunikulma_tui.settings import ENV_LANG, Settings

def _language_from_argv(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get(ENV_LANG, "fi")


def _default_db_for(path: Path | None, fallback) -> Path:
    from duunikulma_tui.locations import ensure_private_dir

    if path is None:
        path = fallback()
        ensure_private_dir(path.parent)
    return path


def _run_app(settings: Settings, desk) -> None:
    from duunikulma_tui.tui.factory import make_app

    make_app(settings, desk).run()


def build_cli() -> click.Group:
    """The command tree, with help texts in the current language."""

    @click.group(invoke_without_command=True, help=t("cli.help"),
                 context_settings={"help_option_names": ["-h", "--help"]})
    @click.option("--db", "db", type=click.Path(path_type=Path), help=t("cli.opt_db"))
    @click.option("--lang", "lang", help=t("cli.opt_lang"))
    @click.option("--low-bandwidth", "low_bandwidth", is_flag=True, default=None,
                  help=t("cli.opt_low_bandwidth"))
    @click.version_option(package_name="duunikulma-tui")
    @click.pass_context
    def cli(ctx: click.Context, db: Path | None, lang: str | None, low_bandwidth: bool | None):
        from duunikulma_tui.locations import default_db_path, ensure_private_dir

        settings = Settings.resolve(db=db, language=lang, low_bandwidth=low_bandwidth)
        if settings.language not in SUPPORTED_LANGUAGES:
            raise UserError(t("cli.bad_lang", lang=settings.language))
        if settings.db_path == default_db_path():
            ensure_private_dir(settings.db_path.parent)
        ctx.obj = settings
        if ctx.invoked_subcommand is None:
            _run_app(settings, open_desk_or_exit(settings.db_path))

    @cli.command(help=t("cli.cmd_demo"), short_help=t("cli.cmd_demo_short"))
    @click.option("--db", "db", type=click.Path(path_type=Path), help=t("cli.opt_demo_db"))
    @click.option("--seed", default=2026, show_default=True, help=t("cli.opt_seed"))
    @click.option("--clients", default=300, show_default=True, help=t("cli.opt_clients"))
    @click.option("--appointments", type=int, default=None, help=t("cli.opt_appointments"))
    @click.option("--no-open", is_flag=True, help=t("cli.opt_no_open"))
    @click.pass_obj
    def demo(settings: Settings, db, seed, clients, appointments, no_open):
        from duunikulma_tui.locations import demo_db_path
        from duunikulma_tui.services import demo_db

        path = _default_db_for(db, demo_db_path)
        try:
            stats = demo_db.rebuild_demo(path, seed=seed, clients=clients,
                                         appointments=appointments)
        except demo_db.NotADemo:
            raise UserError(t("cli.demo_refuses", path=path)) from None
        except _store_error() as err:
            raise UserError(t(f"store.{err.code}", path=err.path, **err.params)) from None
        click.echo(t("cli.demo_built", path=path, rows=stats.total_rows,
                     seconds=f"{stats.seconds:.1f}"), err=True)
        if not no_open:
            _run_app(Settings(db_path=path, language=settings.language,
                              low_bandwidth=settings.low_bandwidth), open_desk_or_exit(path))

    @cli.command(help=t("cli.cmd_generate"), short_help=t("cli.cmd_generate_short"))
    @click.option("--db", "db", type=click.Path(path_type=Path), required=True,
                  help=t("cli.opt_db"))
    @click.option("--seed", default=2026, show_default=True, help=t("cli.opt_seed"))
    @click.option("--clients", default=300, show_default=True, help=t("cli.opt_clients"))
    @click.option("--appointments", type=int, default=None, help=t("cli.opt_appointments"))
    @click.option("--months", default=18, show_default=True, help=t("cli.opt_months"))
    @click.option("--force", is_flag=True, help=t("cli.opt_force"))
    def generate(db, seed, clients, appointments, months, force):
        from duunikulma_tui.services import demo_db

        if db.exists() and not force:
            raise UserError(t("cli.exists", path=db))
        try:
            stats = demo_db.build(db, seed=seed, clients=clients, appointments=appointments,
                                  months=months, replace=force,
                                  progress=lambda label, n: click.echo(f"{label}: {n}", err=True))
        except demo_db.NotADemo:
            raise UserError(t("cli.demo_refuses", path=db)) from None
        except _store_error() as err:
            raise UserError(t(f"store.{err.code}", path=err.path, **err.params)) from None
        rate = int(stats.total_rows / stats.seconds) if stats.seconds else stats.total_rows
        click.echo(t("cli.generated", rows=stats.total_rows, seconds=f"{stats.seconds:.1f}",
                     rate=rate, path=db))

    @cli.command(help=t("cli.cmd_info"), short_help=t("cli.cmd_info_short"))
    @click.pass_obj
    def info(settings: Settings):
        from duunikulma_tui.services.overview import machine_info

        desk = open_desk_or_exit(settings.db_path)
        try:
            mi = machine_info(desk)
        finally:
            desk.close()
        audit_state = (t("cli.info_audit_ok") if mi.audit_broken_at is None
                       else t("cli.info_audit_broken", seq=mi.audit_broken_at))
        for label, value in ((t("cli.info_path"), mi.path),
                             (t("cli.info_version"), mi.schema_version),
                             (t("cli.info_device"), f"{mi.device_name} ({mi.device_id})"),
                             (t("cli.info_audit"), audit_state)):
            click.echo(f"{label}: {value}")

    from duunikulma_tui.cli import bundle, rules

    rules.register(cli)
    bundle.register(cli)
    return cli


def _store_error():
    from duunikulma_tui.store import StoreError

    return StoreError


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and `python -m duunikulma_tui`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(_language_from_argv(argv))
    except ValueError:
        set_language("fi")
    cli = build_cli()
    try:
        cli.main(args=argv, prog_name="duunikulma", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(t("cli.interrupted"), err=True)
        sys.exit(1)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        click.echo(t("cli.interrupted"), err=True)
        sys.exit(130)
    except Exception as err:  # never a traceback for a user
        if os.environ.get("DUUNIKULMA_DEBUG"):
            raise
        click.echo(t("cli.unexpected", error=type(err).__name__), err=True)
        sys.exit(1)
