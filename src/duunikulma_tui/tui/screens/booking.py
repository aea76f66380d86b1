"""Booking an appointment, a company visit or a group event (optionally weekly)."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.i18n import format_date, t
from duunikulma_tui.domain.validation import parse_date
from duunikulma_tui.services import appointments, client_search, staff
from duunikulma_tui.tui.screens.confirm import ConfirmScreen
from duunikulma_tui.tui.screens.form_screen import FormScreen
from duunikulma_tui.tui.widgets.form import (CompactSelect, FormField, code_select, text_field)
from duunikulma_tui.tui.widgets.picker_field import PickerInput


class BookingScreen(FormScreen):
    """Returns the list of booked ids, or None."""

    DEFAULT_CSS = """
    BookingScreen #booking-title { height: 1; background: $primary; padding: 0 1; }
    BookingScreen VerticalScroll { padding: 0 1; }
    """

    def __init__(self, *, client: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.client = client
        self._confirmed = False

    def compose(self) -> ComposeResult:
        desk = self.app.desk
        yield Static(f"[b]{t('booking.title_new')}[/b]", id="booking-title")
        members = [(m.full_name, m.id) for m in staff.list_staff(desk)]
        with VerticalScroll():
            yield FormField("kind", code_select("appointment_kind", codes.APPOINTMENT_KIND,
                                                field_id="kind", value="individual",
                                                allow_blank=False))
            yield FormField("client_id", PickerInput(
                partial(client_search.client_choices, desk), t("field.client_id"),
                picked=self.client, id="client_id", placeholder=t("booking.hint_client")))
            yield FormField("employer_id", PickerInput(
                partial(_employer_choices, desk), t("field.employer_id"), id="employer_id",
                placeholder=t("booking.hint_client")))
            yield text_field("title")
            yield text_field("on_date", value=format_date(desk.today(), "fi"), required=True)
            yield text_field("start_time", required=True, placeholder="9.00")
            yield text_field("duration_min", value="45", required=True)
            yield FormField("staff_id", CompactSelect(
                members, id="staff_id", prompt=t("form.choose"),
                **({"value": desk.operator_id} if desk.operator_id in {m[1] for m in members}
                   else {})))
            yield FormField("channel", code_select("channel", codes.CHANNEL, field_id="channel",
                                                   value="desk", allow_blank=False))
            yield FormField("service_type", code_select(
                "service_type", codes.SERVICE_TYPE, field_id="service_type",
                value="service_guidance", allow_blank=False))
            yield text_field("location")
            yield text_field("notes")
            yield text_field("repeat_until", placeholder=t("booking.hint_repeat"))
        yield Footer(compact=True)

    def save(self, values: dict[str, str]):
        desk = self.app.desk
        repeat = None
        if values.get("repeat_until", "").strip():
            try:
                repeat = parse_date(values["repeat_until"], field="repeat_until", today=desk.today())
            except FieldError as err:
                raise FormErrors([err]) from None
        values = {k: v for k, v in values.items() if k != "repeat_until"}
        try:
            return appointments.book(desk, values, confirm=self._confirmed, repeat_until=repeat)
        except appointments.ExitedClient:
            self._ask(t("booking.exited_title"), t("booking.exited_body"))
        except appointments.BookingWarnings as warned:
            lines = "\n".join(t(f"booking.warn_{w.code}", **w.params) for w in warned.warnings)
            self._ask(t("booking.warn_title"), lines)
        finally:
            self._confirmed = False
        return None

    def _ask(self, title: str, body: str) -> None:
        def answered(go_on: bool | None) -> None:
            if go_on:
                self._confirmed = True
                self.action_save()

        self.app.push_screen(ConfirmScreen(title, body, t("booking.book_anyway"),
                                           t("form.keep_editing")), answered)


def _employer_choices(desk, text: str) -> list[tuple[str, str]]:
    from duunikulma_tui.services.employers import search_employers

    return [(f"{e.name} · {e.business_id or '–'}", e.id) for e in search_employers(desk, text, 30)]
