"""Starting a new agreement period for a returning client."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.i18n import format_date, t
from duunikulma_tui.services import exits
from duunikulma_tui.tui.screens.form_screen import FormScreen
from duunikulma_tui.tui.widgets.desk_input import DeskInput
from duunikulma_tui.tui.widgets.form import FormField, code_select, text_field


class NewPeriodScreen(FormScreen):
    """Returns the new period's id, or None."""

    DEFAULT_CSS = """
    NewPeriodScreen #period-title { height: 1; background: $primary; padding: 0 1; }
    NewPeriodScreen VerticalScroll { padding: 0 1; }
    """

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{t('period.title')}[/b]", id="period-title")
        with VerticalScroll():
            yield text_field("start_date", value=format_date(self.app.desk.today(), "fi"),
                             required=True)
            yield FormField("labour_status", code_select(
                "labour_status", tuple(c for c in codes.LABOUR_STATUS
                                       if c != "long_term_unemployed"),
                field_id="labour_status"), required=True)
            yield text_field("unemployed_since", placeholder=t("intake.hint_long_term"))
            yield text_field("job_search_start", placeholder="pp.kk.vvvv")
            yield FormField("education_level", code_select("education_level",
                                                           codes.EDUCATION_LEVEL,
                                                           field_id="education_level"))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#start_date", DeskInput).focus()

    def save(self, values: dict[str, str]):
        return exits.start_new_period(self.app.desk, self.client_id, values)
