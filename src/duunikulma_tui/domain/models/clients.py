"""Jobseekers: the client with agreement, their profile rows, periods and assessments,
and people served without agreement (quick contacts, survey answers).
"""

from __future__ import annotations

from pydantic import model_validator

from duunikulma_tui.domain import validation as v
from duunikulma_tui.domain.errors import FieldError
from duunikulma_tui.domain.models.base import DomainModel, check_order, raise_if_any
from duunikulma_tui.domain.models.fields import (
    AssessmentPhase, Card, Channel, ClientStatus, Date, DrivingLicences, Gender, Id, Language,
    LanguageLevel, LabourStatus, Minutes, Note, OccupationCode, OptAgeGroup,
    OptBirthYear, OptDate, OptDigitalSkills, OptEducationLevel, OptEmail, OptExitOutcome,
    OptGender, OptId, OptIdentityCode, OptLanguage, OptLine, OptPersonName, OptPhone,
    OptPostalCode, OptScore, OptTime, OptTravelKm, OptWorkingTime, PersonName, Rating,
    ServiceType, SkillList, SurveyStatement,
)


class Client(DomainModel):
    """A jobseeker who joined the project with an agreement (table `client`).

    The birth date, when given, must agree with the henkilötunnus, and the
    birth year with both; age itself is derived (models.derive), never stored.
    """

    status: ClientStatus = "draft"
    first_name: PersonName
    last_name: PersonName
    identity_code: OptIdentityCode = None
    birth_date: OptDate = None
    birth_year: OptBirthYear = None
    gender: Gender = "not_told"
    native_language: OptLanguage = None
    municipality: OptLine = None
    street_address: OptLine = None
    postal_code: OptPostalCode = None
    post_office: OptLine = None
    phone: OptPhone = None
    email: OptEmail = None
    responsible_staff_id: OptId = None
    consent_processing_on: OptDate = None
    consent_share_employers_on: OptDate = None
    disability: bool | None = None
    foreign_background: bool | None = None
    digital_skills: OptDigitalSkills = None
    skills: SkillList
    driving_licences: DrivingLicences
    working_time_wish: OptWorkingTime = None
    max_travel_km: OptTravelKm = None
    outside_service_model: bool = False
    note: Note = None
    erased_on: OptDate = None

    @model_validator(mode="after")
    def _birth_agrees(self) -> Client:
        errors: list[FieldError] = []
        expected = self.birth_date
        if self.identity_code is not None:
            try:
                v.check_birth_date_matches(self.identity_code, self.birth_date)
            except FieldError as err:
                errors.append(err)
            expected = v.birth_date_from_identity_code(self.identity_code)
        year = self.birth_year
        if expected is not None and year is not None and year != expected.year:
            # The only year allowed is the one the date gives; number_range says which.
            errors.append(FieldError("birth_year", "number_range",
                                     {"minimum": expected.year, "maximum": expected.year}))
        raise_if_any(errors)
        return self


class ClientLanguage(DomainModel):
    """A language a client speaks and how well (table `client_language`)."""

    client_id: Id
    language: Language
    level: LanguageLevel = "basic"


class ClientOccupation(DomainModel):
    """An occupation a client seeks, as an Ammattiluokitus 2010 code (table `client_occupation`)."""

    client_id: Id
    occupation_code: OccupationCode


class ClientCard(DomainModel):
    """A card or licence a client holds (table `client_card`)."""

    client_id: Id
    card: Card
    expires_on: OptDate = None


class AgreementPeriod(DomainModel):
    """One agreement period of a client, with its exit when it ends (table `agreement_period`)."""

    client_id: Id
    start_date: Date
    end_date: OptDate = None
    labour_status: LabourStatus
    unemployed_since: OptDate = None
    job_search_start: OptDate = None
    education_level: OptEducationLevel = None
    exit_outcome: OptExitOutcome = None
    employment_over_3_months: bool | None = None
    exit_note: Note = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> AgreementPeriod:
        errors: list[FieldError] = []
        check_order(errors, self.start_date, self.end_date)
        raise_if_any(errors)
        return self


class SelfAssessment(DomainModel):
    """A client's own 1-10 scores on five dimensions at start or exit (table `self_assessment`)."""

    client_id: Id
    period_id: OptId = None
    phase: AssessmentPhase
    assessed_on: Date
    # Each score may be skipped, but a given one is 1..10 (parse_int: number_range).
    work_ability: OptScore = None
    job_search_skills: OptScore = None
    digital_skills: OptScore = None
    everyday_life: OptScore = None
    confidence: OptScore = None


class QuickContact(DomainModel):
    """A person served without agreement, with minimal data (table `quick_contact`)."""

    contact_date: Date
    contact_time: OptTime = None
    staff_id: OptId = None
    channel: Channel
    service_type: ServiceType
    minutes: Minutes
    name: OptPersonName = None
    gender: OptGender = None
    age_group: OptAgeGroup = None
    note: Note = None
    promoted_client_id: OptId = None


class SurveyAnswer(DomainModel):
    """One 1-5 rating of one survey statement, anonymous without client_id (`survey_answer`)."""

    client_id: OptId = None
    answered_on: Date
    statement: SurveyStatement
    rating: Rating
