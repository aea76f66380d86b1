"""Ending an agreement period: end date, outcome, and the exit self-assessment."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.i18n import format_date, t
from duunikulma_tui.services import exits
from duunikulma_tui.tui.screens.form_screen import FormScreen
from duunikulma_tui.tui.widgets.desk_input import DeskInput
from duunikulma_tui.tui.widgets.form import (CompactSelect, FormField, SectionTitle, code_select,
                                             text_field)


class ExitScreen(FormScreen):
    """Returns the closed period's id, or None when cancelled."""

    DEFAULT_CSS = """
    ExitScreen #exit-title { height: 1; background: $primary; padding: 0 1; }
    ExitScreen VerticalScroll { padding: 0 1; }
    """

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{t('exit.title')}[/b]", id="exit-title")
        with VerticalScroll():
            yield text_field("end_date", value=format_date(self.app.desk.today(), "fi"),
                             required=True)
            yield FormField("exit_outcome", code_select("exit_outcome", codes.EXIT_OUTCOME,
                                                        field_id="exit_outcome"), required=True)
            yield FormField("employment_over_3_months", CompactSelect(
                [(t("form.yes"), "yes"), (t("form.no"), "no")], id="employment_over_3_months",
                prompt=t("form.choose")))
            yield text_field("exit_note")
            yield SectionTitle(t("exit.section_assessment"))
            for dim in exits.DIMENSIONS:
                yield text_field(f"sa_{dim}")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#end_date", DeskInput).focus()

    def save(self, values: dict[str, str]):
        return exits.exit_client(self.app.desk, self.client_id, values)
