"""Record models of the synced tables: business fields, validated like the forms.

One model per synced table of schema.sql, holding the business columns only;
the shared bookkeeping columns are `RecordMeta`. `MODELS` maps table names to
models; `row_to_model` / `model_to_row` convert to and from SQLite rows, and
`to_form_errors` turns a refusal into the FieldErrors a form shows.
"""

from __future__ import annotations

from pydantic import BaseModel

from duunikulma_tui.domain.models.base import (
    BOOKKEEPING, DomainModel, Record, RecordMeta,
)
from duunikulma_tui.domain.models.clients import (
    AgreementPeriod, Client, ClientCard, ClientLanguage, ClientOccupation, QuickContact,
    SelfAssessment, SurveyAnswer,
)
from duunikulma_tui.domain.models.derive import (
    AGE_GROUPS, age_group_code, age_groups, age_on, anniversary, is_long_term_unemployed,
    long_term_unemployed_from,
)
from duunikulma_tui.domain.models.employers import Employer, EmployerContact, JobOpening, Provider
from duunikulma_tui.domain.models.events import (
    Appointment, AppointmentParticipant, AppointmentStatusChange, Referral,
)
from duunikulma_tui.domain.models.fields import code_literal
from duunikulma_tui.domain.models.form_errors import to_form_errors
from duunikulma_tui.domain.models.matching import (
    EmploymentOutcome, MatchProposal, MatchStatusChange,
)
from duunikulma_tui.domain.models.people import Device, Staff
from duunikulma_tui.domain.models.rows import (
    column_value, meta_from_row, model_to_row, record_from_row, row_to_model,
)
from duunikulma_tui.domain.models.rules import ContactRuleSet, SyncConflict

MODELS: dict[str, type[BaseModel]] = {
    "device": Device,
    "staff": Staff,
    "client": Client,
    "client_language": ClientLanguage,
    "client_occupation": ClientOccupation,
    "client_card": ClientCard,
    "agreement_period": AgreementPeriod,
    "self_assessment": SelfAssessment,
    "quick_contact": QuickContact,
    "survey_answer": SurveyAnswer,
    "employer": Employer,
    "employer_contact": EmployerContact,
    "provider": Provider,
    "job_opening": JobOpening,
    "appointment": Appointment,
    "appointment_participant": AppointmentParticipant,
    "appointment_status_change": AppointmentStatusChange,
    "referral": Referral,
    "match_proposal": MatchProposal,
    "match_status_change": MatchStatusChange,
    "employment_outcome": EmploymentOutcome,
    "contact_rule_set": ContactRuleSet,
    "sync_conflict": SyncConflict,
}
"""Synced table name -> its model."""

__all__ = [
    "AGE_GROUPS", "BOOKKEEPING", "MODELS", "AgreementPeriod", "Appointment",
    "AppointmentParticipant", "AppointmentStatusChange", "Client", "ClientCard",
    "ClientLanguage", "ClientOccupation", "ContactRuleSet", "Device", "DomainModel", "Employer",
    "EmployerContact", "EmploymentOutcome", "JobOpening", "MatchProposal", "MatchStatusChange",
    "Provider", "QuickContact", "Record", "RecordMeta", "Referral", "SelfAssessment", "Staff",
    "SurveyAnswer", "age_group_code", "age_groups", "age_on", "anniversary", "code_literal",
    "column_value", "is_long_term_unemployed", "long_term_unemployed_from", "meta_from_row",
    "model_to_row", "record_from_row", "row_to_model", "to_form_errors",
]
