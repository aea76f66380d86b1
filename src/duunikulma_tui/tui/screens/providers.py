"""Providers of experimental purchased services: a list and a form."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.services import referrals
from duunikulma_tui.tui.bindings import FOCUS_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.screens.form_screen import FormScreen
from duunikulma_tui.tui.widgets.desk_input import DeskInput
from duunikulma_tui.tui.widgets.result_list import ResultList, fit
from duunikulma_tui.tui.widgets.form import text_field

COLUMNS = (("field.name", 34), ("field.business_id", 11), ("field.municipality", 14),
           ("field.phone", 14))


class ProviderForm(FormScreen):
    """Add or edit one provider; returns its id."""

    DEFAULT_CSS = """
    ProviderForm #provider-title { height: 1; background: $primary; padding: 0 1; }
    ProviderForm VerticalScroll { padding: 0 1; }
    """

    def __init__(self, provider_id: str | None = None, values: dict[str, str] | None = None):
        super().__init__()
        self.provider_id, self.values = provider_id, values or {}

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{t('providers.form_title')}[/b]", id="provider-title")
        with VerticalScroll():
            yield text_field("name", value=self.values.get("name", ""), required=True)
            for field in ("business_id", "municipality", "phone", "email", "note"):
                yield text_field(field, value=self.values.get(field, ""))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", DeskInput).focus()

    def save(self, values: dict[str, str]):
        return referrals.save_provider(self.app.desk, values, self.provider_id)


class ProvidersScreen(TranslatedBindings, Screen):
    """Every provider; Enter edits, F9 adds, Escape goes back."""

    DEFAULT_CSS = """
    ProvidersScreen #providers-title { height: 1; background: $primary; padding: 0 1; }
    ProvidersScreen #providers-header { height: 1; background: $primary 30%; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="providers-back"),
        Binding("f9", "new", "providers.key_new", id="providers-new"),
    ] + FOCUS_BINDINGS

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{t('providers.title')}[/b]", id="providers-title")
        header = " ".join(fit(t(key), width) for key, width in COLUMNS)
        yield Static(" " + header, id="providers-header", markup=False)
        yield ResultList([w for _k, w in COLUMNS], id="providers-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(ResultList).focus()

    def reload(self) -> None:
        """Show the providers again (after an edit)."""
        self.rows = referrals.provider_rows(self.app.desk)
        self.query_one(ResultList).set_rows(
            [(r["name"], r["business_id"] or "–", r["municipality"] or "–", r["phone"] or "–")
             for r in self.rows])

    def action_new(self) -> None:
        self.app.push_screen(ProviderForm(), lambda saved: saved and self.reload())

    @on(ResultList.Selected)
    def _edit(self, event: ResultList.Selected) -> None:
        row = self.rows[event.index]
        values = {k: (row[k] or "") for k in ("name", "business_id", "municipality", "phone",
                                            "email", "note")}
        self.app.push_screen(ProviderForm(row["id"], values), lambda saved: saved and self.reload())
