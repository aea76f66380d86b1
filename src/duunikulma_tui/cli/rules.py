"""`duunikulma rules`: the statutory-contact rule sets as data, editable without code."""

from __future__ import annotations

from pathlib import Path

import click

from duunikulma_tui.cli.common import UserError, open_desk_or_exit
from duunikulma_tui.domain.i18n import format_date, t


def _rule_book(settings):
    """The rule book in use (shipped sets installed first) and the rows that failed."""
    from duunikulma_tui.services.due_contacts import install_shipped_rule_sets, load_rule_sets

    desk = open_desk_or_exit(settings.db_path)
    try:
        install_shipped_rule_sets(desk)
        return load_rule_sets(desk)
    finally:
        desk.close()


def register(cli: click.Group) -> None:
    """Attach the `rules` group to the root command."""

    @cli.group(help=t("cli.cmd_rules"), short_help=t("cli.cmd_rules_short"))
    def rules() -> None:
        pass

    @rules.command("list", help=t("cli.cmd_rules_list"))
    @click.pass_obj
    def list_(settings) -> None:
        book, problems = _rule_book(settings)
        for rs in book.rule_sets:
            click.echo(f"{format_date(rs.effective_from)}  {rs.name}  ({rs.source})")
        for problem in problems:
            click.echo(t("rules.row_skipped", name=problem.name,
                         problems="; ".join(problem.problems)), err=True)

    @rules.command("show", help=t("cli.cmd_rules_show"))
    @click.argument("effective_from")
    @click.pass_obj
    def show(settings, effective_from: str) -> None:
        book, _ = _rule_book(settings)
        for rs in book.rule_sets:
            if rs.effective_from.isoformat() == effective_from:
                click.echo(rs.model_dump_json(indent=2))
                return
        raise UserError(t("cli.rules_not_found", date=effective_from))

    @rules.command("import", help=t("cli.cmd_rules_import"))
    @click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
    @click.pass_obj
    def import_(settings, file: Path) -> None:
        from duunikulma_tui.domain.contact_rules import RuleSetError
        from duunikulma_tui.services.due_contacts import save_rule_set

        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise UserError(t("cli.rules_unreadable", path=file, error=type(err).__name__)) from None
        desk = open_desk_or_exit(settings.db_path)
        try:
            save_rule_set(desk, text)
        except RuleSetError as err:
            raise UserError(t("rules.invalid", problems="; ".join(err.problems))) from None
        finally:
            desk.close()
        click.echo(t("rules.saved"))
