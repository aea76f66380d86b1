"""ctrl+n from anywhere: log a walk-in or a caller in a few keystrokes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.errors import FormErrors
from duunikulma_tui.domain.i18n import t
from duunikulma_tui.services import quick_contacts
from duunikulma_tui.tui.bindings import MODAL_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.widgets.desk_input import DeskInput
from duunikulma_tui.tui.widgets.form import (FormField, code_select, form_values, show_errors,
                                             text_field)


class QuickContactScreen(TranslatedBindings, ModalScreen[str | None]):
    """Service, channel and minutes are enough; Enter in the last field saves."""

    DEFAULT_CSS = """
    QuickContactScreen { align: center middle; }
    QuickContactScreen > Vertical { width: 70; height: auto; border: round $primary;
                                    background: $panel; padding: 0 1; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="qc-save"),
        Binding("escape", "dismiss(None)", "key.cancel", id="qc-cancel"),
    ] + MODAL_BINDINGS

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{t('quick.title')}[/b]")
            yield FormField("service_type", code_select(
                "service_type", codes.SERVICE_TYPE, field_id="service_type",
                value="digital_advice", allow_blank=False), required=True)
            yield FormField("channel", code_select("channel", codes.CHANNEL, field_id="channel",
                                                   value="desk", allow_blank=False), required=True)
            yield text_field("minutes", value="15", required=True)
            yield text_field("name", placeholder=t("quick.optional"))
            yield FormField("gender", code_select("gender", codes.GENDER, field_id="gender"))
            yield FormField("age_group", code_select("age_group", codes.AGE_GROUP,
                                                     field_id="age_group"))
            yield text_field("note", placeholder=t("quick.optional"))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#minutes", DeskInput).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            qc_id = quick_contacts.log_quick_contact(self.app.desk, form_values(self))
        except FormErrors as errors:
            first = show_errors(self, errors.by_field())
            if first is not None:
                first.widget.focus()
            return
        self.dismiss(qc_id)
