"""Employers, their contact people, purchased-service providers and job openings."""

from __future__ import annotations

from pydantic import model_validator

from duunikulma_tui.domain.errors import FieldError
from duunikulma_tui.domain.models.base import DomainModel, check_order, raise_if_any
from duunikulma_tui.domain.models.fields import (
    CardList, Date, EmployerKind, Id, JobStatus, LanguageList, Line, LongText, Note,
    OptBusinessId, OptDate, OptDrivingLicence, OptEmail, OptEmploymentTerm, OptLine,
    OptOccupationCode, OptPhone, OptPostalCode, OptWorkingTime, PersonName, Positions, SkillList,
)


class Employer(DomainModel):
    """A company, association or the municipality, identified by Y-tunnus (table `employer`)."""

    business_id: OptBusinessId = None
    name: Line
    industry: OptLine = None
    kind: EmployerKind = "company"
    municipality: OptLine = None
    street_address: OptLine = None
    postal_code: OptPostalCode = None
    phone: OptPhone = None
    email: OptEmail = None
    note: Note = None


class EmployerContact(DomainModel):
    """A person to contact at an employer (table `employer_contact`)."""

    employer_id: Id
    name: PersonName
    role: OptLine = None
    phone: OptPhone = None
    email: OptEmail = None


class Provider(DomainModel):
    """A provider of experimental purchased services, "palveluntuottaja" (table `provider`)."""

    business_id: OptBusinessId = None
    name: Line
    municipality: OptLine = None
    phone: OptPhone = None
    email: OptEmail = None
    note: Note = None


class JobOpening(DomainModel):
    """A job an employer wants filled, with what it needs of a person (table `job_opening`).

    `employment_kind` takes the EMPLOYMENT_TERM codes (permanent, fixed term,
    ...); EMPLOYMENT_KIND is the list of employment_outcome.kind.
    """

    employer_id: Id
    title: Line
    occupation_code: OptOccupationCode = None
    positions: Positions = 1
    municipality: OptLine = None
    working_time: OptWorkingTime = None
    employment_kind: OptEmploymentTerm = None
    required_cards: CardList
    required_languages: LanguageList
    driving_licence: OptDrivingLicence = None
    skills: SkillList
    employer_driven: bool = False
    digital_marketing: bool = False
    new_job: bool = False
    opened_on: Date
    closes_on: OptDate = None
    status: JobStatus = "open"
    description: LongText = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> JobOpening:
        errors: list[FieldError] = []
        # Not a schema CHECK, but a job cannot close before it opens.
        check_order(errors, self.opened_on, self.closes_on, "closes_on")
        raise_if_any(errors)
        return self
