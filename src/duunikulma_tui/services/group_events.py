"""Group events (digital workshop, recruitment event): one event, many participants."""

from __future__ import annotations

from dataclasses import dataclass

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.validation import person_name
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.store import records


@dataclass(frozen=True)
class Participant:
    """One registered person and their attendance."""

    id: str
    client_id: str | None
    name: str
    attendance: str


def add_participant(desk: Desk, appointment_id: str, *, client_id: str | None = None,
                    name: str = "") -> str:
    """Register a client (or a named non-client) to a group event; a client only once."""
    kind = desk.store.scalar("SELECT kind FROM appointment WHERE id = ? AND deleted = 0",
                             (appointment_id,))
    if kind != "group":
        raise FormErrors([FieldError("appointment_id", "not_a_group_event")])
    if client_id is None:
        name = person_name(name, field="name")
    elif desk.store.scalar("SELECT 1 FROM appointment_participant WHERE appointment_id = ? "
                           "AND client_id = ? AND deleted = 0", (appointment_id, client_id)):
        raise FormErrors([FieldError("client_id", "already_registered")])
    with desk.store.transaction():
        pid = records.insert(desk.store, "appointment_participant",
                             {"appointment_id": appointment_id, "client_id": client_id,
                              "name": name or None, "attendance": "registered"}, desk.operator_id)
        desk.audit("create", "appointment_participant", pid)
    return pid


def set_attendance(desk: Desk, participant_id: str, attendance: str) -> None:
    """Mark a participant attended, absent or registered."""
    if attendance not in ("registered", "attended", "absent"):
        raise FormErrors([FieldError("attendance", "choose_from_list")])
    records.update(desk.store, "appointment_participant", participant_id,
                   {"attendance": attendance}, desk.operator_id)


def participants(desk: Desk, appointment_id: str) -> list[Participant]:
    """The event's participants by name."""
    rows = desk.store.query(
        "SELECT p.id, p.client_id, COALESCE(c.last_name || ' ' || c.first_name, p.name, '') AS name,"
        " p.attendance FROM appointment_participant p LEFT JOIN client c ON c.id = p.client_id "
        "WHERE p.appointment_id = ? AND p.deleted = 0 ORDER BY name", (appointment_id,))
    return [Participant(**r) for r in rows]
