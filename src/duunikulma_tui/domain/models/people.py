"""Staff members and the machines they work on."""

from __future__ import annotations

from duunikulma_tui.domain.models.base import DomainModel
from duunikulma_tui.domain.models.fields import (
    DeviceRole, Line, OptDate, OptEmail, OptLine, OptPhone, PersonName, StaffRole,
)


class Device(DomainModel):
    """A laptop or desk machine holding a copy of the database (table `device`)."""

    name: Line
    role: DeviceRole = "desk"
    # Key material is produced by the sync code, not typed, so it is not checked here.
    public_key: str | None = None
    retired_on: OptDate = None


class Staff(DomainModel):
    """A member of staff who signs in and records work (table `staff`)."""

    first_name: PersonName
    last_name: PersonName
    role: StaffRole = "desk_worker"
    title: OptLine = None
    email: OptEmail = None
    phone: OptPhone = None
    active: bool = True
