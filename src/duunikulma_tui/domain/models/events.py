"""Appointments (meetings, calls, visits, group events), their participants and
status history, and referrals to measures and purchased services.
"""

from __future__ import annotations

from pydantic import model_validator

from duunikulma_tui.domain.errors import FieldError
from duunikulma_tui.domain.models.base import DomainModel, check_order, raise_if_any
from duunikulma_tui.domain.models.fields import (
    AppointmentKind, AppointmentStatus, Attendance, Channel, Date, Id, Minutes, Moment, Note,
    OptAppointmentStatus, OptCard, OptCents, OptDate, OptId, OptLine, OptPersonName,
    ReferralKind, ReferralStatus, ServiceType, Time,
)


class Appointment(DomainModel):
    """One meeting, call, remote session, company visit or group event (table `appointment`).

    An individual meeting names its client, a company visit its employer; only
    a group event may name neither, as its people are its participants.
    """

    kind: AppointmentKind = "individual"
    on_date: Date
    start_time: Time
    duration_min: Minutes
    staff_id: OptId = None
    client_id: OptId = None
    employer_id: OptId = None
    channel: Channel
    service_type: ServiceType
    status: AppointmentStatus = "scheduled"
    title: OptLine = None
    location: OptLine = None
    notes: Note = None
    next_step: OptLine = None
    follow_up_on: OptDate = None
    series_id: OptId = None
    # No code list exists for statutory contacts yet (see the rule sets): plain text.
    statutory_contact: OptLine = None

    @model_validator(mode="after")
    def _has_someone(self) -> Appointment:
        errors: list[FieldError] = []
        if self.kind != "group" and self.client_id is None and self.employer_id is None:
            # The field to fill depends on the kind: a visit is to an employer.
            field = "employer_id" if self.kind == "company_visit" else "client_id"
            errors.append(FieldError(field, "required"))
        raise_if_any(errors)
        return self


class AppointmentParticipant(DomainModel):
    """A person registered for a group event, client or not (table `appointment_participant`)."""

    appointment_id: Id
    client_id: OptId = None
    name: OptPersonName = None
    attendance: Attendance = "registered"


class AppointmentStatusChange(DomainModel):
    """One status move of an appointment, kept for same-day undo and the audit."""

    appointment_id: Id
    from_status: OptAppointmentStatus = None
    to_status: AppointmentStatus
    changed_at: Moment


class Referral(DomainModel):
    """A referral of a client to a measure or a purchased service (table `referral`).

    A purchased service names its provider, a card training its card; costs
    are euro cents and never negative.
    """

    client_id: Id
    appointment_id: OptId = None
    kind: ReferralKind
    card_name: OptCard = None
    provider_id: OptId = None
    service_name: OptLine = None
    referred_on: Date
    start_date: OptDate = None
    end_date: OptDate = None
    status: ReferralStatus = "planned"
    agreed_cost_cents: OptCents = None
    realised_cost_cents: OptCents = None
    note: Note = None

    @model_validator(mode="after")
    def _complete(self) -> Referral:
        errors: list[FieldError] = []
        check_order(errors, self.start_date, self.end_date)
        if self.kind == "purchased_service" and self.provider_id is None:
            errors.append(FieldError("provider_id", "required"))
        if self.kind == "card_training" and self.card_name is None:
            errors.append(FieldError("card_name", "required"))
        raise_if_any(errors)
        return self
