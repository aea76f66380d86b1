"""The employer form (full screen) and the small contact-person form (modal).

ctrl+s or Enter in a field saves; Escape asks before discarding. Errors
appear under their fields and nothing is saved. A business ID that another
employer has is refused under the field, and the existing employer can be
opened instead.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.i18n import t
from duunikulma_tui.domain.industries import industry_options
from duunikulma_tui.services import employers
from duunikulma_tui.tui.screens.confirm import ConfirmScreen
from duunikulma_tui.tui.screens.form_screen import FormScreen
from duunikulma_tui.tui.widgets.desk_input import DeskInput
from duunikulma_tui.tui.widgets.form import (CompactSelect, FormField, code_select, show_errors,
                                             text_field)


class EmployerFormScreen(FormScreen):
    """New employer or edit of one; dismisses with the saved employer's id."""

    DEFAULT_CSS = """
    EmployerFormScreen #employer-form-title { height: 1; background: $primary; padding: 0 1; }
    EmployerFormScreen VerticalScroll { padding: 1 1 0 1; }
    """

    def __init__(self, employer_id: str | None = None,
                 values: dict[str, str] | None = None) -> None:
        super().__init__()
        self.employer_id = employer_id
        self.initial = values or {}

    def _v(self, name: str) -> str:
        return self.initial.get(name, "")

    def compose(self) -> ComposeResult:
        title = t("employer.title_edit") if self.employer_id else t("employer.title_new")
        yield Static(f"[b]{title}[/b]", id="employer-form-title")
        industries = industry_options()
        industry = self._v("industry")
        kind = self._v("kind") or "company"
        with VerticalScroll(id="employer-form"):
            yield text_field("business_id", value=self._v("business_id"),
                             placeholder=t("employer.hint_business_id"))
            yield text_field("name", value=self._v("name"), required=True)
            yield FormField("industry", CompactSelect(
                industries, id="industry", prompt=t("form.choose"),
                **({"value": industry} if industry in {c for _, c in industries} else {})))
            yield FormField("kind", code_select("employer_kind", codes.EMPLOYER_KIND,
                                                field_id="kind", allow_blank=False,
                                                value=kind if kind in codes.EMPLOYER_KIND
                                                else "company"))
            yield text_field("municipality", value=self._v("municipality"),
                             label=t("employer.label_municipality"))
            yield text_field("street_address", value=self._v("street_address"))
            yield text_field("postal_code", value=self._v("postal_code"))
            yield text_field("phone", value=self._v("phone"))
            yield text_field("email", value=self._v("email"))
            yield text_field("note", value=self._v("note"))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#business_id", DeskInput).focus()

    @on(Input.Submitted)
    def _enter_saves(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def save(self, values: dict[str, str]):
        try:
            return employers.save_employer(self.app.desk, values, self.employer_id)
        except employers.DuplicateBusinessId as dup:
            first = show_errors(self, dup.by_field())
            if first is not None:
                first.widget.focus()
            self._ask_open_existing(dup)
        return None

    def _ask_open_existing(self, dup: employers.DuplicateBusinessId) -> None:
        def answered(open_it: bool | None) -> None:
            if open_it:
                from duunikulma_tui.tui.screens.employer_card import open_employer_card

                self.dismiss(None)
                open_employer_card(self.app, dup.employer_id)

        self.app.push_screen(ConfirmScreen(t("employer.duplicate_title"),
                                           t("employer.duplicate_body", name=dup.name),
                                           t("employer.open_existing"), t("form.keep_editing")),
                             answered)


class ContactFormScreen(FormScreen, ModalScreen):
    """A contact person of an employer, in a small box; dismisses with the contact's id."""

    DEFAULT_CSS = """
    ContactFormScreen { align: center middle; }
    ContactFormScreen #contact-box { width: 72; max-width: 100%; height: auto;
                                     border: round $primary; background: $panel; padding: 0 1; }
    ContactFormScreen #contact-title { margin-bottom: 1; }
    ContactFormScreen FormField .form-label { width: 16; }
    ContactFormScreen FormField .form-error { padding-left: 16; }
    """

    BINDINGS = [Binding("ctrl+q", "app.quit", "key.quit", priority=True, id="contact-quit")]

    def __init__(self, employer_id: str, employer_name: str, contact_id: str | None = None,
                 values: dict[str, str] | None = None) -> None:
        super().__init__()
        self.employer_id = employer_id
        self.employer_name = employer_name
        self.contact_id = contact_id
        self.initial = values or {}

    def compose(self) -> ComposeResult:
        key = "employer.contact_title_edit" if self.contact_id else "employer.contact_title_new"
        with Vertical(id="contact-box"):
            yield Static(f"[b]{t(key, employer=self.employer_name)}[/b]", id="contact-title")
            yield text_field("name", value=self.initial.get("name", ""), required=True)
            yield text_field("role", value=self.initial.get("role", ""))
            yield text_field("phone", value=self.initial.get("phone", ""))
            yield text_field("email", value=self.initial.get("email", ""))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", DeskInput).focus()

    @on(Input.Submitted)
    def _enter_saves(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def save(self, values: dict[str, str]):
        return employers.save_contact(self.app.desk, self.employer_id, values, self.contact_id)
