"""Staff members and choosing who is working at this machine."""

from __future__ import annotations

from dataclasses import dataclass

from duunikulma_tui.domain import validation
from duunikulma_tui.domain.codes import STAFF_ROLE
from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.ids import new_id
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.store import audit as audit_log
from duunikulma_tui.store import records


@dataclass(frozen=True)
class StaffMember:
    """A staff member as the UI shows them."""

    id: str
    first_name: str
    last_name: str
    role: str

    @property
    def display_name(self) -> str:
        """'Sari K.': how the header and lists name a colleague."""
        return f"{self.first_name} {self.last_name[:1]}."

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"


def list_staff(desk: Desk) -> list[StaffMember]:
    """Active staff, by first then last name."""
    rows = desk.store.query(
        "SELECT id, first_name, last_name, role FROM staff WHERE deleted = 0 AND active = 1 "
        "ORDER BY first_name, last_name")
    return [StaffMember(**row) for row in rows]


def get_staff(desk: Desk, staff_id: str) -> StaffMember | None:
    """One staff member, or None."""
    row = records.get(desk.store, "staff", staff_id)
    if row is None:
        return None
    return StaffMember(row["id"], row["first_name"], row["last_name"], row["role"])


def current_operator(desk: Desk) -> StaffMember | None:
    """Who is working at this machine now, if chosen."""
    return get_staff(desk, desk.operator_id) if desk.operator_id else None


def add_staff(desk: Desk, first_name: str, last_name: str, role: str = "desk_worker") -> StaffMember:
    """Add a staff member after validating the names; raises FormErrors, saving nothing."""
    errors: list[FieldError] = []
    clean: dict[str, str] = {}
    for name, value in (("first_name", first_name), ("last_name", last_name)):
        try:
            clean[name] = validation.person_name(value, field=name)
        except FieldError as err:
            errors.append(err)
    if role not in STAFF_ROLE:
        errors.append(FieldError("role", "choose_from_list"))
    if errors:
        raise FormErrors(errors)
    with desk.store.transaction():
        staff_id = new_id()
        # With nobody signed in yet (first start), the newcomer registers
        # themselves, so the row and the audit line are theirs.
        actor = desk.operator_id or staff_id
        records.insert(desk.store, "staff", {**clean, "role": role}, actor, row_id=staff_id)
        audit_log.append(desk.store, staff_id=actor, action="create", table_name="staff",
                         record_id=staff_id)
    return StaffMember(staff_id, clean["first_name"], clean["last_name"], role)


def sign_in(desk: Desk, staff_id: str) -> StaffMember:
    """Make `staff_id` the operator: their id goes into updated_by and the audit log."""
    member = get_staff(desk, staff_id)
    if member is None:
        raise KeyError(staff_id)
    with desk.store.transaction():
        desk.operator_id = staff_id
        desk.store.meta_set("operator_id", staff_id)
        desk.audit("sign_in", "staff", staff_id)
    return member
