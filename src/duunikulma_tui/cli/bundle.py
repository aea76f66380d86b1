"""`duunikulma bundle ...`: sync through bundle files from the command line.

Service modules are imported inside the commands: `--help` must not pay for
cryptography, zstd or the database layer.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from duunikulma_tui.cli.common import EXIT_USAGE, UserError, open_desk_or_exit
from duunikulma_tui.domain.i18n import t


def _fail(err) -> UserError:
    return UserError(t(err.key, **err.params))


def _when(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") if stamp else t("bundle.never")


def _run(settings, work):
    """Open the desk, run `work(desk)`, turn a BundleError into one line and exit 2."""
    from duunikulma_tui.services.sync.errors import BundleError

    desk = open_desk_or_exit(settings.db_path)
    try:
        return work(desk)
    except BundleError as err:
        raise _fail(err) from None
    finally:
        desk.close()


def _export_lines(result) -> str:
    return t("bundle.exported", path=result.path, changes=result.changes, size=result.size,
             recipients=", ".join(result.recipients))


def register(cli: click.Group) -> None:
    """Add the `bundle` command group to the root command."""

    @cli.group(help=t("bundle.help"), short_help=t("bundle.help"))
    def bundle():
        pass

    @bundle.command("export", help=t("bundle.cmd_export"), short_help=t("bundle.cmd_export"))
    @click.option("--out", "out", type=click.Path(path_type=Path), default=Path("."),
                  help=t("bundle.opt_out"))
    @click.option("--to", "to", multiple=True, help=t("bundle.opt_to"))
    @click.option("--full", is_flag=True, help=t("bundle.opt_full"))
    @click.pass_obj
    def export_cmd(settings, out, to, full):
        from duunikulma_tui.services.sync.exporter import export_bundle

        result = _run(settings, lambda d: export_bundle(d, out, to=list(to) or None, full=full))
        click.echo(_export_lines(result))

    @bundle.command("weekly", help=t("bundle.cmd_weekly"), short_help=t("bundle.cmd_weekly"))
    @click.option("--week", "week", required=True, help=t("bundle.opt_week"))
    @click.option("--out", "out", type=click.Path(path_type=Path), default=Path("."),
                  help=t("bundle.opt_out"))
    @click.pass_obj
    def weekly_cmd(settings, week, out):
        from duunikulma_tui.services.sync.exporter import weekly_bundle

        click.echo(_export_lines(_run(settings, lambda d: weekly_bundle(d, out, week))))

    @bundle.command("import", help=t("bundle.cmd_import"), short_help=t("bundle.cmd_import"))
    @click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.pass_obj
    def import_cmd(settings, files):
        from duunikulma_tui.services.sync.importer import import_many

        failed = 0
        for path, res in _run(settings, lambda d: import_many(d, list(files))):
            if not hasattr(res, "applied"):
                failed += 1
                click.echo(t("bundle.import_failed", path=path, message=t(res.key, **res.params)),
                           err=True)
                continue
            if res.already:
                click.echo(t("bundle.imported_already", path=path, changes=res.changes))
            else:
                click.echo(t("bundle.imported", path=path, applied=res.applied,
                             sender=res.sender, skipped=res.skipped))
            if res.conflicts:
                click.echo(t("bundle.import_conflicts", count=res.conflicts))
            if res.duplicates:
                click.echo(t("bundle.import_duplicates", count=res.duplicates))
        if failed:
            # Each failure was reported on its own line above.
            sys.exit(EXIT_USAGE)

    @bundle.command("verify", help=t("bundle.cmd_verify"), short_help=t("bundle.cmd_verify"))
    @click.argument("file", type=click.Path(path_type=Path))
    @click.pass_obj
    def verify_cmd(settings, file):
        from duunikulma_tui.services.sync.verify import verify_bundle

        info = _run(settings, lambda d: verify_bundle(d, file))
        kind = (t("bundle.v_kind_weekly", week=info.week) if info.kind == "weekly"
                else t("bundle.v_kind_changes"))
        lines = [t("bundle.v_from", sender=info.sender, device=info.sender_device),
                 t("bundle.v_to", recipients=", ".join(info.recipients)),
                 t("bundle.v_id", bundle_id=info.bundle_id, created=_when(info.created_at)), kind,
                 t("bundle.v_format", format=info.format, schema=info.schema, size=info.size),
                 t("bundle.v_changes", changes=info.changes, new=info.new_here)]
        lines += [t("bundle.v_origin", name=o.name, first=o.after + 1, upto=o.upto, have=o.have)
                  for o in info.origins]
        lines.append(t("bundle.v_own") if info.own else
                     t("bundle.v_gap") if info.gap else t("bundle.v_ok"))
        click.echo("\n".join(lines))

    @bundle.command("keys", help=t("bundle.cmd_keys"), short_help=t("bundle.cmd_keys"))
    @click.option("--write", "write", type=click.Path(path_type=Path), help=t("bundle.opt_write"))
    @click.option("--role", "role", type=click.Choice(["desk", "coordinator"]),
                  help=t("bundle.opt_role"))
    @click.option("--name", "name", help=t("bundle.opt_name"))
    @click.pass_obj
    def keys_cmd(settings, write, role, name):
        from duunikulma_tui.services.sync import keys

        def work(desk):
            if name:
                keys.set_name(desk, name)
            if role:
                keys.set_role(desk, role)
            if write:
                keys.write_peer_file(desk, write)
            return keys.own_card(desk)

        card = _run(settings, work)
        if role:
            click.echo(t("bundle.k_role_set", role=t(f"bundle.role.{card.role}")))
        click.echo("\n".join([t("bundle.k_device", name=card.name, device=card.device_id),
                              t("bundle.k_role", role=t(f"bundle.role.{card.role}")),
                              t("bundle.k_age", key=card.age_recipient),
                              t("bundle.k_sign", key=card.sign_key),
                              t("bundle.k_fingerprint", fingerprint=card.fingerprint)]))
        if write:
            click.echo(t("bundle.k_written", path=write))

    @bundle.command("conflicts", help=t("bundle.cmd_conflicts"),
                    short_help=t("bundle.cmd_conflicts"))
    @click.pass_obj
    def conflicts_cmd(settings):
        from duunikulma_tui.services.sync.conflicts import open_conflicts, possible_duplicates

        found, dups = _run(settings, lambda d: (open_conflicts(d), possible_duplicates(d)))
        for c in found:
            click.echo(t("bundle.c_line", id=c.id, table=c.table, field=c.field,
                         winner=c.winner_value, winner_device=c.winner_device,
                         loser=c.loser_value, loser_device=c.loser_device))
        if not found:
            click.echo(t("bundle.c_none"))
        for g in dups:
            click.echo(t("bundle.d_line", kind=g.kind, key=g.key, names=" / ".join(g.names)))
        if not dups:
            click.echo(t("bundle.d_none"))

    _register_peer(bundle)


def _register_peer(bundle: click.Group) -> None:
    @bundle.group("peer", help=t("bundle.cmd_peer"), short_help=t("bundle.cmd_peer"))
    def peer():
        pass

    @peer.command("add", help=t("bundle.cmd_peer_add"), short_help=t("bundle.cmd_peer_add"))
    @click.argument("file", type=click.Path(path_type=Path))
    @click.pass_obj
    def add_cmd(settings, file):
        from duunikulma_tui.services.sync.peers import add_peer_from_file

        card, new = _run(settings, lambda d: add_peer_from_file(d, file))
        click.echo(t("bundle.p_added" if new else "bundle.p_updated", name=card.name,
                     role=t(f"bundle.role.{card.role}"), fingerprint=card.fingerprint))

    @peer.command("remove", help=t("bundle.cmd_peer_remove"),
                  short_help=t("bundle.cmd_peer_remove"))
    @click.argument("peer_name")
    @click.pass_obj
    def remove_cmd(settings, peer_name):
        from duunikulma_tui.services.sync.peers import remove_peer

        click.echo(t("bundle.p_removed", name=_run(settings, lambda d: remove_peer(d, peer_name))))

    @peer.command("list", help=t("bundle.cmd_peer_list"), short_help=t("bundle.cmd_peer_list"))
    @click.pass_obj
    def list_cmd(settings):
        from duunikulma_tui.services.sync.status import peer_statuses

        found = _run(settings, lambda d: peer_statuses(d, include_removed=True))
        if not found:
            click.echo(t("bundle.p_none"))
        for p in found:
            role = t(f"bundle.role.{p.role}")
            if p.removed_at:
                click.echo(t("bundle.p_removed_line", name=p.name, role=role,
                             on=_when(p.removed_at)))
                continue
            click.echo(t("bundle.p_line", name=p.name, role=role, fingerprint=p.fingerprint,
                         acked=p.acked_own, waiting=p.waiting, last_in=_when(p.last_in),
                         last_out=_when(p.last_out)))
