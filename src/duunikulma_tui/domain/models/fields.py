"""Field types of the record models: code lists and values checked by domain/validation.py.

Each checked type runs the same validator the forms run, before pydantic's
own type check, so a model refuses exactly what a form refuses and with the
same `FieldError` code. Blank input to an optional field becomes None, as in
`validation.optional`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo

from duunikulma_tui.domain import codes
from duunikulma_tui.domain import validation as v
from duunikulma_tui.domain.errors import FieldError


def code_literal(values: tuple[str, ...]) -> Any:
    """`Literal[...]` of a codes.py tuple, so the model cannot drift from the code list."""
    # Typed Any: a type checker cannot follow a Literal built from a runtime tuple.
    return Literal.__getitem__(values)


class CommaText:
    """Marks a list column stored as comma-separated text instead of JSON (driving_licences)."""


COMMA_TEXT = CommaText()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def checked(fn: Callable[..., Any], *, required: bool, **kw: Any) -> BeforeValidator:
    """A pydantic validator that runs `fn(value, field=<field name>, **kw)`.

    An optional field turns blank input into None first; a required one lets
    `fn` refuse it with code "required", as the form would.
    """

    def run(value: Any, info: ValidationInfo) -> Any:
        if not required and _blank(value):
            return None
        # field_name is set for field validation; fall back to fn's own default.
        names = {"field": info.field_name} if info.field_name else {}
        return fn(value, **names, **kw)

    return BeforeValidator(run)


# --- converters with the validator signature (value, field) -------------------


def _required(value: object, field: str) -> None:
    if _blank(value):
        raise FieldError(field, "required")


def to_date(value: Any, field: str = "date") -> Any:
    """'23.11.2026' or ISO text through parse_date; date objects pass, moments do not."""
    _required(value, field)
    if isinstance(value, str):
        return v.parse_date(value, field)
    if isinstance(value, dt.datetime):
        # A datetime is a date subclass, but a moment is not a calendar day.
        raise FieldError(field, "date_format")
    return value


def to_time(value: Any, field: str = "time") -> Any:
    """'9.30' or '09:30' through parse_time; seconds are dropped (stored as 'HH:MM')."""
    _required(value, field)
    if isinstance(value, str):
        return v.parse_time(value, field)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    return value


def to_moment(value: Any, field: str = "changed_at") -> Any:
    """A UTC instant; text as written by ids.utc_stamp or any ISO 8601 form."""
    _required(value, field)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise FieldError(field, "date_format") from None
    if isinstance(value, dt.datetime):
        # Naive moments are taken as UTC: bookkeeping never writes local time.
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)
    return value


def int_range(minimum: int, maximum: int, *, required: bool) -> BeforeValidator:
    """A whole number in [minimum, maximum] through parse_int (code number_range)."""
    return checked(v.parse_int, required=required, minimum=minimum, maximum=maximum)


def to_cents(value: Any, field: str = "cost") -> Any:
    """Euro cents, never negative: text through parse_money, ints checked the same way."""
    _required(value, field)
    if isinstance(value, str):
        return v.parse_money(value, field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(field, "money_format")
    if value < 0:
        raise FieldError(field, "money_negative")
    if value > v.MONEY_MAX_CENTS:
        raise FieldError(field, "money_too_large")
    return value


def to_id(value: Any, field: str = "id") -> Any:
    """A record id (ULID text); ids come from pickers, so only blankness is checked."""
    _required(value, field)
    return value.strip() if isinstance(value, str) else value


_LANGUAGE = re.compile(r"[a-z]{2,3}")
_OCCUPATION = re.compile(r"[0-9]{1,5}")


def to_language(value: Any, field: str = "language") -> Any:
    """An ISO 639 language code such as 'fi'; picked from a list in the forms."""
    text = str(value).strip().lower() if value is not None else ""
    _required(text, field)
    if not _LANGUAGE.fullmatch(text):
        raise FieldError(field, "choose_from_list")
    return text


def to_occupation(value: Any, field: str = "occupation_code") -> Any:
    """An Ammattiluokitus 2010 code: one to five digits, picked from the classification."""
    text = str(value).strip() if value is not None else ""
    _required(text, field)
    if not _OCCUPATION.fullmatch(text):
        raise FieldError(field, "choose_from_list")
    return text


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    return None if _blank(value) else _strip(value)


def _unique(items: list[Any]) -> list[Any]:
    # A card or skill listed twice means nothing more than once.
    return list(dict.fromkeys(items))


def _split_licences(value: Any) -> Any:
    # Typed or stored as 'B, BE' or 'B BE'; a list passes through.
    if value is None:
        return []
    if isinstance(value, str):
        return [part.upper() for part in re.split(r"[,\s]+", value) if part]
    return value


def _licence_order(items: list[str]) -> list[str]:
    # Stored in the code list's order, so equal sets give equal text.
    return sorted(set(items), key=codes.DRIVING_LICENCE.index)


def code(values: tuple[str, ...]) -> Any:
    """A required code field: one of `values`."""
    return Annotated[code_literal(values), BeforeValidator(_strip)]


def opt_code(values: tuple[str, ...]) -> Any:
    """An optional code field: one of `values` or None (blank input is None)."""
    return Annotated[Optional[code_literal(values)], BeforeValidator(_blank_to_none)]


def code_list(values: tuple[str, ...]) -> Any:
    """A list of codes, duplicates dropped, stored as JSON."""
    return Annotated[list[code(values)], AfterValidator(_unique), Field(default_factory=list)]


# --- the field types the models use -----------------------------------------------

Id = Annotated[str, checked(to_id, required=True)]
OptId = Annotated[Optional[str], checked(to_id, required=False)]

PersonName = Annotated[str, checked(v.person_name, required=True)]
OptPersonName = Annotated[Optional[str], checked(v.person_name, required=False)]
# Names of organisations and things may hold digits and '&', so they are one-line text.
Line = Annotated[str, checked(v.free_text, required=True, multiline=False, max_length=200)]
OptLine = Annotated[Optional[str], checked(v.free_text, required=False, multiline=False,
                                           max_length=200)]
Note = Annotated[Optional[str], checked(v.free_text, required=False, max_length=2000)]
LongText = Annotated[Optional[str], checked(v.free_text, required=False, max_length=8000)]

OptIdentityCode = Annotated[Optional[str], checked(v.identity_code, required=False)]
OptBusinessId = Annotated[Optional[str], checked(v.business_id, required=False)]
OptPhone = Annotated[Optional[str], checked(v.phone, required=False)]
OptEmail = Annotated[Optional[str], checked(v.email, required=False)]
OptPostalCode = Annotated[Optional[str], checked(v.postal_code, required=False)]
Language = Annotated[str, checked(to_language, required=True)]
OptLanguage = Annotated[Optional[str], checked(to_language, required=False)]
OccupationCode = Annotated[str, checked(to_occupation, required=True)]
OptOccupationCode = Annotated[Optional[str], checked(to_occupation, required=False)]

Date = Annotated[dt.date, checked(to_date, required=True)]
OptDate = Annotated[Optional[dt.date], checked(to_date, required=False)]
Time = Annotated[dt.time, checked(to_time, required=True)]
OptTime = Annotated[Optional[dt.time], checked(to_time, required=False)]
Moment = Annotated[dt.datetime, checked(to_moment, required=True)]
OptCents = Annotated[Optional[int], checked(to_cents, required=False)]

# Ranges the schema's CHECK constraints hold, plus sane upper bounds where it has none.
Minutes = Annotated[int, int_range(1, 720, required=True)]
OptScore = Annotated[Optional[int], int_range(1, 10, required=False)]
Rating = Annotated[int, int_range(1, 5, required=True)]
Positions = Annotated[int, int_range(1, 999, required=True)]
OptTravelKm = Annotated[Optional[int], int_range(0, 1000, required=False)]
# The henkilötunnus '+' century reaches back to the 1800s.
OptBirthYear = Annotated[Optional[int], int_range(1800, 2100, required=False)]

Skill = Annotated[str, checked(v.free_text, required=True, multiline=False, max_length=100)]
SkillList = Annotated[list[Skill], AfterValidator(_unique), Field(default_factory=list)]
LanguageList = Annotated[list[Language], AfterValidator(_unique), Field(default_factory=list)]
DrivingLicences = Annotated[list[code(codes.DRIVING_LICENCE)], COMMA_TEXT,
                            BeforeValidator(_split_licences), AfterValidator(_licence_order),
                            Field(default_factory=list)]

# Code fields, one alias per list in codes.py.
Gender = code(codes.GENDER)
OptGender = opt_code(codes.GENDER)
OptAgeGroup = opt_code(codes.AGE_GROUP)
ClientStatus = code(codes.CLIENT_STATUS)
LabourStatus = code(codes.LABOUR_STATUS)
OptEducationLevel = opt_code(codes.EDUCATION_LEVEL)
LanguageLevel = code(codes.LANGUAGE_LEVEL)
OptDigitalSkills = opt_code(codes.DIGITAL_SKILLS)
Channel = code(codes.CHANNEL)
ServiceType = code(codes.SERVICE_TYPE)
AppointmentKind = code(codes.APPOINTMENT_KIND)
AppointmentStatus = code(codes.APPOINTMENT_STATUS)
OptAppointmentStatus = opt_code(codes.APPOINTMENT_STATUS)
Attendance = code(codes.ATTENDANCE)
ReferralKind = code(codes.REFERRAL_KIND)
ReferralStatus = code(codes.REFERRAL_STATUS)
Card = code(codes.CARDS)
OptCard = opt_code(codes.CARDS)
CardList = code_list(codes.CARDS)
OptExitOutcome = opt_code(codes.EXIT_OUTCOME)
EmploymentKind = code(codes.EMPLOYMENT_KIND)
EmployerKind = code(codes.EMPLOYER_KIND)
OptWorkingTime = opt_code(codes.WORKING_TIME)
OptEmploymentTerm = opt_code(codes.EMPLOYMENT_TERM)
JobStatus = code(codes.JOB_STATUS)
MatchStatus = code(codes.MATCH_STATUS)
OptMatchStatus = opt_code(codes.MATCH_STATUS)
SurveyStatement = code(codes.SURVEY_STATEMENT)
AssessmentPhase = code(codes.ASSESSMENT_PHASE)
StaffRole = code(codes.STAFF_ROLE)
DeviceRole = code(codes.DEVICE_ROLE)
OptDrivingLicence = opt_code(codes.DRIVING_LICENCE)
