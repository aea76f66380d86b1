"""Sync: this machine, its peers, waiting changes, recent bundles, open conflicts.

Everything comes from services.sync in a worker thread; export and import
run in workers too, so the screen stays responsive while a big bundle goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Input, Static

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.tui.bindings import MODAL_BINDINGS, TranslatedBindings, translate_bindings
from duunikulma_tui.tui.widgets.desk_input import DeskInput

if TYPE_CHECKING:  # the services import cryptography: only when the area first loads
    from duunikulma_tui.services.sync.conflicts import ConflictItem
    from duunikulma_tui.services.sync.status import SyncOverview


def _when(stamp: str | None) -> str:
    return stamp[5:16].replace("T", " ") if stamp else "–"


def _value(value: object, width: int = 22) -> str:
    if value is None:
        text = t("sync.deleted_value")
    elif isinstance(value, dict):
        text = ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
    else:
        text = str(value)
    return text if len(text) <= width else text[:width - 1] + "…"


class PathScreen(TranslatedBindings, ModalScreen[str | None]):
    """Ask for a bundle file's path; Escape cancels."""

    DEFAULT_CSS = """
    PathScreen { align: center middle; }
    PathScreen > Vertical { width: 70; height: auto; border: round $primary;
                            background: $panel; padding: 0 1; }
    PathScreen DeskInput { width: 1fr; margin: 1 0; }
    PathScreen Horizontal { height: auto; }
    PathScreen Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="sync-path-cancel")] + MODAL_BINDINGS

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.value = title, value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{self.title_text}[/b]")
            yield DeskInput(self.value, id="sync-path")
            with Horizontal():
                yield Button(t("sync.ask_ok"), id="sync-path-ok", variant="primary")
                yield Button(t("sync.ask_cancel"), id="sync-path-no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DeskInput).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._done()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "sync-path-ok":
            self._done()
        else:
            self.dismiss(None)

    def _done(self) -> None:
        self.dismiss(self.query_one(DeskInput).value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ResolveScreen(TranslatedBindings, ModalScreen[str | None]):
    """Both sides of a conflict; returns 'keep', 'take_other' or None."""

    DEFAULT_CSS = """
    ResolveScreen { align: center middle; }
    ResolveScreen > Vertical { width: 74; height: auto; border: round $warning;
                               background: $panel; padding: 0 1; }
    ResolveScreen Horizontal { height: auto; margin-top: 1; }
    ResolveScreen Button { margin-right: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="sync-resolve-cancel")] + MODAL_BINDINGS

    def __init__(self, item: "ConflictItem") -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        c = self.item
        with Vertical():
            yield Static(f"[b]{t('sync.resolve_title', table=c.table, field=c.field)}[/b]")
            yield Static(t("sync.resolve_winner", value=_value(c.winner_value, 40),
                           device=c.winner_device, at=_when(c.winner_at)), markup=False)
            yield Static(t("sync.resolve_loser", value=_value(c.loser_value, 40),
                           device=c.loser_device, at=_when(c.loser_at)), markup=False)
            with Horizontal():
                yield Button(t("sync.resolve_keep"), id="keep", variant="primary")
                if c.kind == "edit_edit":
                    yield Button(t("sync.resolve_take"), id="take_other", variant="warning")
                yield Button(t("sync.ask_cancel"), id="cancel")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SyncArea(Vertical):
    """The Sync screen: e export, i import, r resolve, v verify."""

    DEFAULT_CSS = """
    SyncArea Static { height: auto; }
    SyncArea #sync-peers { height: auto; max-height: 5; }
    SyncArea #sync-conflicts { height: 1fr; min-height: 3; }
    SyncArea #sync-conflicts-title { text-style: bold; }
    SyncArea #sync-status { height: 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("e", "export", "sync.key_export", id="sync-export"),
        Binding("i", "import_bundle", "sync.key_import", id="sync-import"),
        Binding("r", "resolve", "sync.key_resolve", id="sync-resolve"),
        Binding("v", "verify", "sync.key_verify", id="sync-verify"),
    ]

    @dataclass
    class Loaded(Message):
        """Fresh figures from the worker."""

        overview: "SyncOverview"

    @dataclass
    class Said(Message):
        """A line for the status row (from a worker)."""

        text: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self._conflicts: dict[str, "ConflictItem"] = {}

    def compose(self) -> ComposeResult:
        yield Static(t("loading"), id="sync-me", markup=False)
        yield Static("", id="sync-waiting")
        peers = DataTable(id="sync-peers", cursor_type="row", show_cursor=False)
        for key, width in (("peer", 16), ("role", 12), ("acked", 8), ("waiting", 8),
                           ("in", 11), ("out", 11)):
            peers.add_column(t(f"sync.col_{key}"), key=key, width=width)
        yield peers
        yield Static("", id="sync-last", markup=False)
        yield Static("", id="sync-conflicts-title")
        table = DataTable(id="sync-conflicts", cursor_type="row", zebra_stripes=True)
        for key, width in (("record", 16), ("field", 14), ("winner", 20), ("loser", 20)):
            table.add_column(t(f"sync.col_{key}"), key=key, width=width)
        yield table
        yield Static("", id="sync-status", markup=False)

    def on_mount(self) -> None:
        self.refresh_data()

    def show(self, _data: object = None) -> None:
        """Reload when the main screen refreshes its areas."""
        self.refresh_data()

    # -- loading -----------------------------------------------------------
    def refresh_data(self) -> None:
        """Load the figures again in the background."""
        self._load()

    @work(thread=True, exclusive=True, group="sync-load")
    def _load(self) -> None:
        from duunikulma_tui.services.sync.status import overview

        self.post_message(self.Loaded(overview(self.app.desk)))

    def on_sync_area_loaded(self, message: Loaded) -> None:
        ov = message.overview
        self.query_one("#sync-me", Static).update(
            t("sync.me", name=ov.name, role=t(f"bundle.role.{ov.role}"), fingerprint=ov.fingerprint))
        self.query_one("#sync-waiting", Static).update(
            t("sync.waiting", count=ov.waiting, own=ov.own_changes) if ov.peers
            else t("sync.no_peers"))
        peers = self.query_one("#sync-peers", DataTable)
        peers.clear()
        for p in ov.peers:
            peers.add_row(p.name, t(f"bundle.role.{p.role}"), str(p.acked_own), str(p.waiting),
                          _when(p.last_in), _when(p.last_out), key=p.device_id)
        last = [t("sync.last_in", when=_when(b.at), applied=b.applied, changes=b.changes,
                  peers=", ".join(b.peers)) for b in ov.last_in[:1]] or [t("sync.never_in")]
        last += [t("sync.last_out", when=_when(b.at), changes=b.changes,
                   peers=", ".join(b.peers)) for b in ov.last_out[:1]] or [t("sync.never_out")]
        self.query_one("#sync-last", Static).update("\n".join(last))
        self.query_one("#sync-conflicts-title", Static).update(
            t("sync.conflicts_title", count=len(ov.conflicts), duplicates=len(ov.duplicates)))
        table = self.query_one("#sync-conflicts", DataTable)
        table.clear()
        self._conflicts = {c.id: c for c in ov.conflicts}
        for c in ov.conflicts:
            table.add_row(f"{c.table} …{c.row_id[-4:]}", c.field, _value(c.winner_value, 20),
                          _value(c.loser_value, 20), key=c.id)

    def on_sync_area_said(self, message: Said) -> None:
        self.query_one("#sync-status", Static).update(message.text)

    # -- actions -----------------------------------------------------------
    def _error(self, err) -> str:
        return t(err.key, **err.params)

    def action_export(self) -> None:
        """e: write a bundle for every peer into the outbox beside the database."""
        self.post_message(self.Said(t("sync.working")))
        self._export()

    @work(thread=True, exclusive=True, group="sync-io")
    def _export(self) -> None:
        from duunikulma_tui.services.sync.errors import BundleError
        from duunikulma_tui.services.sync.exporter import export_bundle
        from duunikulma_tui.services.sync.status import default_outbox

        try:
            res = export_bundle(self.app.desk, default_outbox(self.app.desk))
            text = t("sync.exported", path=res.path, changes=res.changes)
        except BundleError as err:
            text = self._error(err)
        self.post_message(self.Said(text))
        self.app.call_from_thread(self.refresh_data)

    def action_import_bundle(self) -> None:
        """i: ask for a file and import it."""
        self.app.push_screen(PathScreen(t("sync.ask_import")),
                             lambda path: path and self._import(path))

    @work(thread=True, exclusive=True, group="sync-io")
    def _import(self, path: str) -> None:
        from duunikulma_tui.services.sync.errors import BundleError
        from duunikulma_tui.services.sync.importer import import_bundle

        self.post_message(self.Said(t("sync.working")))
        try:
            res = import_bundle(self.app.desk, path)
            text = (t("sync.import_already") if res.already else
                    t("sync.imported", applied=res.applied, sender=res.sender,
                      conflicts=res.conflicts))
        except BundleError as err:
            text = self._error(err)
        self.post_message(self.Said(text))
        self.app.call_from_thread(self.refresh_data)

    def action_verify(self) -> None:
        """v: ask for a file and say what it holds."""
        self.app.push_screen(PathScreen(t("sync.ask_verify")),
                             lambda path: path and self._verify(path))

    @work(thread=True, exclusive=True, group="sync-io")
    def _verify(self, path: str) -> None:
        from duunikulma_tui.services.sync.errors import BundleError
        from duunikulma_tui.services.sync.verify import verify_bundle

        try:
            info = verify_bundle(self.app.desk, path)
            text = (t("sync.verified_gap", sender=info.sender, changes=info.changes) if info.gap
                    else t("sync.verified", sender=info.sender, changes=info.changes,
                           new=info.new_here, format=info.format))
        except BundleError as err:
            text = self._error(err)
        self.post_message(self.Said(text))

    def action_resolve(self) -> None:
        """r: show both sides of the chosen conflict and close it."""
        table = self.query_one("#sync-conflicts", DataTable)
        if not table.row_count:
            self.post_message(self.Said(t("sync.pick_conflict")))
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        item = self._conflicts.get(key)
        if item is None:
            return

        def chosen(choice: str | None) -> None:
            if not choice:
                return
            from duunikulma_tui.services.sync.conflicts import resolve_conflict
            from duunikulma_tui.services.sync.errors import BundleError

            try:
                resolve_conflict(self.app.desk, item.id, choice)
                self.post_message(self.Said(t("sync.resolved")))
            except BundleError as err:
                self.post_message(self.Said(self._error(err)))
            self.refresh_data()

        self.app.push_screen(ResolveScreen(item), chosen)
