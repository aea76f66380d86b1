"""Logging a contact: notes, agreed next step and follow-up, and an optional referral.

Opened on a booked appointment it completes that appointment; opened for a
walk-in it records a contact held now. A referral filled in below is saved
in the same transaction.
"""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.i18n import t
from duunikulma_tui.services import appointments, client_search, referrals
from duunikulma_tui.tui.screens.form_screen import FormScreen
from duunikulma_tui.tui.widgets.desk_input import DeskInput
from duunikulma_tui.tui.widgets.form import (CompactSelect, FormField, SectionTitle, code_select,
                                             text_field)
from duunikulma_tui.tui.widgets.picker_field import PickerInput

REFERRAL_FIELDS = {"referral_kind": "kind", "provider_id": "provider_id",
                   "service_name": "service_name", "card_name": "card_name",
                   "start_date": "start_date", "end_date": "end_date",
                   "agreed_cost_cents": "agreed_cost_cents"}


class LogContactScreen(FormScreen):
    """Returns the appointment id logged, or None."""

    DEFAULT_CSS = """
    LogContactScreen #contact-title { height: 1; background: $primary; padding: 0 1; }
    LogContactScreen VerticalScroll { padding: 0 1; }
    """

    def __init__(self, appointment_id: str | None) -> None:
        super().__init__()
        self.appointment_id = appointment_id

    def compose(self) -> ComposeResult:
        desk = self.app.desk
        title = t("contact.title") if self.appointment_id else t("contact.title_walk_in")
        yield Static(f"[b]{title}[/b]", id="contact-title")
        with VerticalScroll():
            if self.appointment_id is None:
                yield FormField("client_id", PickerInput(
                    partial(client_search.client_choices, desk), t("field.client_id"),
                    id="client_id", placeholder=t("booking.hint_client")), required=True)
                yield FormField("channel", code_select("channel", codes.CHANNEL,
                                                       field_id="channel", value="desk",
                                                       allow_blank=False))
                yield FormField("service_type", code_select(
                    "service_type", codes.SERVICE_TYPE, field_id="service_type",
                    value="service_guidance", allow_blank=False))
                yield text_field("duration_min", value="30", required=True)
            yield text_field("notes")
            yield text_field("next_step")
            yield text_field("follow_up_on", placeholder="pp.kk.vvvv")
            yield SectionTitle(t("contact.section_referral"))
            yield FormField("referral_kind", code_select("referral_kind", codes.REFERRAL_KIND,
                                                         field_id="referral_kind"))
            yield FormField("provider_id", CompactSelect(referrals.providers(desk),
                                                         id="provider_id",
                                                         prompt=t("form.choose")))
            yield text_field("service_name")
            yield FormField("card_name", code_select("card", codes.CARDS, field_id="card_name"))
            yield text_field("start_date", placeholder="pp.kk.vvvv")
            yield text_field("end_date", placeholder="pp.kk.vvvv")
            yield text_field("agreed_cost_cents", placeholder="0,00")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        first = "#client_id" if self.appointment_id is None else "#notes"
        self.query_one(first, DeskInput).focus()

    def save(self, values: dict[str, str]):
        referral = None
        if values.get("referral_kind"):
            referral = {target: values.get(source, "") for source, target in REFERRAL_FIELDS.items()}
            if self.appointment_id is None:
                referral["client_id"] = values.get("client_id", "")
        contact = {k: v for k, v in values.items() if k not in REFERRAL_FIELDS}
        return appointments.log_contact(self.app.desk, contact,
                                        appointment_id=self.appointment_id, referral=referral)
