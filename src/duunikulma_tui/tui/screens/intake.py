"""Intake: one column of sections, filled during a first meeting.

ctrl+s saves the client as active, ctrl+b as a draft; Escape asks before
discarding. Errors appear under their fields and nothing is saved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.i18n import t
from duunikulma_tui.domain.languages import language_options
from duunikulma_tui.domain.occupations import search_occupations
from duunikulma_tui.services import intake, staff
from duunikulma_tui.tui.screens.confirm import ConfirmScreen
from duunikulma_tui.tui.screens.form_screen import FormScreen
from duunikulma_tui.tui.screens.picker import PickerScreen
from duunikulma_tui.tui.widgets.desk_input import DeskInput
from duunikulma_tui.tui.widgets.form import (CompactSelect, FormField, SectionTitle, code_select,
                                             text_field)

DATE_HINT = "pp.kk.vvvv"


class IntakeScreen(FormScreen):
    """New client, edit of an existing one, or promotion of a quick contact."""

    DEFAULT_CSS = """
    IntakeScreen #intake-title { height: 1; background: $primary; padding: 0 1; }
    IntakeScreen VerticalScroll { padding: 0 1; }
    """

    BINDINGS = [
        Binding("ctrl+b", "save_draft", "key.save_draft", id="intake-draft"),
        Binding("ctrl+f", "find_occupation", "key.find_occupation", id="intake-occupation"),
    ]

    def __init__(self, *, client_id: str | None = None, values: dict[str, str] | None = None,
                 quick_contact_id: str | None = None) -> None:
        super().__init__()
        self.client_id = client_id
        self.initial = dict(values or {})
        self.quick_contact_id = quick_contact_id
        self._draft = False
        self._confirm_similar = False

    def _v(self, name: str) -> str:
        return self.initial.get(name, "")

    def _select(self, field: str, options: list[tuple[str, str]], required: bool = False):
        value = self._v(field) or None
        widget = CompactSelect(options, id=field, prompt=t("form.choose"),
                               **({"value": value} if value in {o[1] for o in options} else {}))
        return FormField(field, widget, required=required)

    def _codes(self, field: str, code_list: str, values, required: bool = False):
        value = self._v(field) or None
        widget = code_select(code_list, values, field_id=field,
                             value=value if value in values else None)
        return FormField(field, widget, required=required)

    def compose(self) -> ComposeResult:
        if self.client_id is None and self.app.desk.operator_id:
            # A new client is the worker's own unless someone else is chosen.
            self.initial.setdefault("responsible_staff_id", self.app.desk.operator_id)
        title = t("intake.title_edit") if self.client_id else t("intake.title_new")
        yield Static(f"[b]{title}[/b]", id="intake-title")
        yes_no = [(t("form.yes"), "yes"), (t("form.no"), "no")]
        members = [(m.full_name, m.id) for m in staff.list_staff(self.app.desk)]
        with VerticalScroll(id="intake-form"):
            yield SectionTitle(t("intake.section_person"))
            yield text_field("first_name", value=self._v("first_name"), required=True)
            yield text_field("last_name", value=self._v("last_name"), required=True)
            yield text_field("identity_code", value=self._v("identity_code"),
                             placeholder="ppkkvv-nnnT")
            yield text_field("birth_date", value=self._v("birth_date"), placeholder=DATE_HINT)
            yield self._codes("gender", "gender", codes.GENDER)
            yield self._select("native_language", [(n, c) for n, c in language_options()])
            yield text_field("languages", value=self._v("languages"),
                             placeholder=t("intake.hint_languages"))
            yield text_field("municipality", value=self._v("municipality"))
            yield text_field("street_address", value=self._v("street_address"))
            yield text_field("postal_code", value=self._v("postal_code"))
            yield text_field("post_office", value=self._v("post_office"))
            yield text_field("phone", value=self._v("phone"))
            yield text_field("email", value=self._v("email"))
            yield self._select("responsible_staff_id", members)
            yield SectionTitle(t("intake.section_consents"))
            yield text_field("consent_processing_on", value=self._v("consent_processing_on"),
                             placeholder=t("intake.hint_consent"))
            yield text_field("consent_share_employers_on",
                             value=self._v("consent_share_employers_on"),
                             placeholder=t("intake.hint_consent"))
            yield SectionTitle(t("intake.section_situation"))
            yield text_field("start_date", value=self._v("start_date"), placeholder=DATE_HINT,
                             required=True)
            yield self._codes("labour_status", "labour_status",
                              tuple(c for c in codes.LABOUR_STATUS if c != "long_term_unemployed"),
                              required=True)
            yield text_field("unemployed_since", value=self._v("unemployed_since"),
                             placeholder=t("intake.hint_long_term"))
            yield text_field("job_search_start", value=self._v("job_search_start"),
                             placeholder=DATE_HINT)
            yield self._codes("education_level", "education_level", codes.EDUCATION_LEVEL)
            yield self._select("disability", yes_no)
            yield self._select("foreign_background", yes_no)
            yield self._select("outside_service_model", yes_no)
            yield SectionTitle(t("intake.section_skills"))
            yield text_field("occupations", value=self._v("occupations"),
                             placeholder=t("intake.hint_occupations"))
            yield text_field("skills", value=self._v("skills"), placeholder=t("intake.hint_skills"))
            yield text_field("cards", value=self._v("cards"), placeholder=t("intake.hint_cards"))
            yield text_field("driving_licences", value=self._v("driving_licences"),
                             placeholder="B, C")
            yield self._codes("working_time_wish", "working_time", codes.WORKING_TIME)
            yield text_field("max_travel_km", value=self._v("max_travel_km"))
            yield self._codes("digital_skills", "digital_skills", codes.DIGITAL_SKILLS)
            yield SectionTitle(t("intake.section_assessment"))
            for dim in intake.DIMENSIONS:
                yield text_field(f"{intake.ASSESSMENT_PREFIX}{dim}",
                                 value=self._v(f"{intake.ASSESSMENT_PREFIX}{dim}"))
            yield SectionTitle(t("intake.section_note"))
            yield text_field("note", value=self._v("note"))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#first_name", DeskInput).focus()

    # -- saving ------------------------------------------------------------
    def save(self, values: dict[str, str]):
        try:
            return intake.save_intake(self.app.desk, values, client_id=self.client_id,
                                      draft=self._draft, confirm_similar=self._confirm_similar,
                                      quick_contact_id=self.quick_contact_id)
        except intake.DuplicateIdentityCode as dup:
            self._ask_open_existing(dup)
        except intake.SimilarClientsFound as similar:
            self._ask_save_anyway(similar)
        finally:
            self._confirm_similar = False
        return None

    def action_save(self) -> None:
        self._draft = False
        super().action_save()

    def action_save_draft(self) -> None:
        self._draft = True
        super().action_save()

    def _ask_open_existing(self, dup: intake.DuplicateIdentityCode) -> None:
        def answered(open_it: bool | None) -> None:
            if open_it:
                self.dismiss(None)
                self.app.open_client(dup.client_id)

        self.app.push_screen(ConfirmScreen(t("intake.duplicate_title"),
                                           t("intake.duplicate_body", name=dup.name),
                                           t("intake.open_existing"), t("form.keep_editing")),
                             answered)

    def _ask_save_anyway(self, similar: intake.SimilarClientsFound) -> None:
        names = "\n".join(f"  {c.name} · {c.municipality}" for c in similar.candidates[:5])
        draft = self._draft

        def answered(save_anyway: bool | None) -> None:
            if save_anyway:
                self._confirm_similar = True
                self._draft = draft
                FormScreen.action_save(self)

        self.app.push_screen(ConfirmScreen(t("intake.similar_title"),
                                           t("intake.similar_body", names=names),
                                           t("intake.save_anyway"), t("form.keep_editing")),
                             answered)

    def action_find_occupation(self) -> None:
        def chosen(code: str | None) -> None:
            if code:
                field = self.query_one("#occupations", DeskInput)
                field.value = ", ".join(p for p in (field.value.strip(" ,"), code) if p)
                field.focus()

        def search(text: str) -> list[tuple[str, str]]:
            return [(f"{o.code}  {o.name()}", o.code) for o in search_occupations(text)]

        self.app.push_screen(PickerScreen(t("intake.find_occupation"), search),
                             lambda choice: chosen(choice[1] if choice else None))
