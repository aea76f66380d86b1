"""Tests for domain/models: the record models agree with schema.sql, codes.py and the forms."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from duunikulma_tui.domain import codes
from duunikulma_tui.domain import validation as v
from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.i18n import t
from duunikulma_tui.domain.models import (
    BOOKKEEPING, MODELS, AgreementPeriod, Appointment, Client, Employer, EmploymentOutcome,
    Referral, SelfAssessment, Staff, age_group_code, age_groups, age_on, column_value,
    is_long_term_unemployed, model_to_row, record_from_row, row_to_model, to_form_errors,
)
from duunikulma_tui.store import open_store, records
from duunikulma_tui.store.records import synced_tables


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """One fresh database for the module: the schema is only read and rows only added."""
    store = open_store(tmp_path_factory.mktemp("models") / "m.db")
    yield store
    store.close()


def columns(db, table: str) -> list[tuple]:
    """PRAGMA table_info rows: (cid, name, type, notnull, dflt_value, pk)."""
    return list(db.conn.execute(f"PRAGMA table_info({table})"))


def table_sql(db, table: str) -> str:
    return db.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


# --- (1) the models are the schema's business columns -------------------------------


def test_every_synced_table_has_a_model(db):
    assert sorted(synced_tables(db)) == sorted(MODELS)


def test_bookkeeping_is_the_store_s(db):
    assert BOOKKEEPING == records.BOOKKEEPING
    for table in MODELS:
        assert tuple(c[1] for c in columns(db, table))[:len(BOOKKEEPING)] == BOOKKEEPING


@pytest.mark.parametrize("table", sorted(MODELS))
def test_model_fields_are_the_business_columns_in_order(db, table):
    business = [c[1] for c in columns(db, table) if c[1] not in BOOKKEEPING]
    assert list(MODELS[table].model_fields) == business


def _sql_default(text: str | None):
    if text is None:
        return None
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    return int(text)


@pytest.mark.parametrize("table", sorted(MODELS))
def test_required_fields_and_defaults_follow_the_schema(db, table):
    model = MODELS[table]
    for _cid, name, _type, notnull, default, _pk in columns(db, table):
        if name in BOOKKEEPING:
            continue
        field = model.model_fields[name]
        if notnull and default is None:
            assert field.is_required(), f"{table}.{name} is NOT NULL without a default"
            continue
        assert not field.is_required(), f"{table}.{name} may be left out of an insert"
        stored = column_value(model, name, field.get_default(call_default_factory=True))
        assert stored == _sql_default(default), f"{table}.{name} default"


# --- (2) code fields are codes.py lists and the schema's CHECK lists -----------------

EXPECTED_CODES = {
    ("sync_conflict", "kind"): codes.SYNC_CONFLICT_KIND,
    ("sync_conflict", "resolution"): codes.SYNC_RESOLUTION,
    ("device", "role"): codes.DEVICE_ROLE,
    ("staff", "role"): codes.STAFF_ROLE,
    ("client", "status"): codes.CLIENT_STATUS,
    ("client", "gender"): codes.GENDER,
    ("client", "digital_skills"): codes.DIGITAL_SKILLS,
    ("client", "driving_licences"): codes.DRIVING_LICENCE,
    ("client", "working_time_wish"): codes.WORKING_TIME,
    ("client_language", "level"): codes.LANGUAGE_LEVEL,
    ("client_card", "card"): codes.CARDS,
    ("agreement_period", "labour_status"): codes.LABOUR_STATUS,
    ("agreement_period", "education_level"): codes.EDUCATION_LEVEL,
    ("agreement_period", "exit_outcome"): codes.EXIT_OUTCOME,
    ("self_assessment", "phase"): codes.ASSESSMENT_PHASE,
    ("quick_contact", "channel"): codes.CHANNEL,
    ("quick_contact", "service_type"): codes.SERVICE_TYPE,
    ("quick_contact", "gender"): codes.GENDER,
    ("quick_contact", "age_group"): codes.AGE_GROUP,
    ("survey_answer", "statement"): codes.SURVEY_STATEMENT,
    ("employer", "kind"): codes.EMPLOYER_KIND,
    ("job_opening", "working_time"): codes.WORKING_TIME,
    ("job_opening", "employment_kind"): codes.EMPLOYMENT_TERM,
    ("job_opening", "required_cards"): codes.CARDS,
    ("job_opening", "driving_licence"): codes.DRIVING_LICENCE,
    ("job_opening", "status"): codes.JOB_STATUS,
    ("appointment", "kind"): codes.APPOINTMENT_KIND,
    ("appointment", "channel"): codes.CHANNEL,
    ("appointment", "service_type"): codes.SERVICE_TYPE,
    ("appointment", "status"): codes.APPOINTMENT_STATUS,
    ("appointment_participant", "attendance"): codes.ATTENDANCE,
    ("appointment_status_change", "from_status"): codes.APPOINTMENT_STATUS,
    ("appointment_status_change", "to_status"): codes.APPOINTMENT_STATUS,
    ("referral", "kind"): codes.REFERRAL_KIND,
    ("referral", "card_name"): codes.CARDS,
    ("referral", "status"): codes.REFERRAL_STATUS,
    ("match_proposal", "status"): codes.MATCH_STATUS,
    ("match_status_change", "from_status"): codes.MATCH_STATUS,
    ("match_status_change", "to_status"): codes.MATCH_STATUS,
    ("employment_outcome", "kind"): codes.EMPLOYMENT_KIND,
}

# Code columns schema.sql leaves without a CHECK: the model is the only guard.
# Reported as schema gaps; a CHECK added later makes this test ask for an update.
UNCHECKED = {
    # Lists stored as text (JSON or comma text): a CHECK cannot see inside them.
    ("client", "driving_licences"), ("job_opening", "required_cards"),
    # Left open on purpose so history rows never fail to replicate.
    ("job_opening", "driving_licence"),
    ("appointment_status_change", "from_status"), ("appointment_status_change", "to_status"),
    ("referral", "card_name"), ("match_status_change", "from_status"),
    ("match_status_change", "to_status"),
}


def _literal_values(annotation) -> tuple[str, ...] | None:
    """The Literal values behind Optional[...], list[...] and Annotated[...], if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Literal:
            return typing.get_args(annotation)
        if origin is typing.Annotated or origin is list:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, __import__("types").UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return None


def test_code_fields_are_exactly_the_code_lists():
    found = {}
    for table, model in MODELS.items():
        for name, field in model.model_fields.items():
            values = _literal_values(field.annotation)
            if values is not None:
                found[(table, name)] = values
    assert found == EXPECTED_CODES


def _check_list(sql: str, column: str) -> set[str] | None:
    match = re.search(rf"CHECK\s*\(\s*{column}\s+IN\s*\(([^)]*)\)\s*\)", sql)
    return set(re.findall(r"'([^']*)'", match.group(1))) if match else None


def test_schema_check_lists_are_the_code_lists(db):
    unchecked = set()
    for (table, column), values in EXPECTED_CODES.items():
        allowed = _check_list(table_sql(db, table), column)
        if allowed is None:
            unchecked.add((table, column))
        else:
            assert allowed == set(values), f"{table}.{column}"
    assert unchecked == UNCHECKED


# --- sample rows, in SQLite form, parents named '@table' ------------------------------

SAMPLES: dict[str, dict] = {
    "device": {"name": "Kirjaston kannettava", "role": "coordinator", "public_key": "ed25519:AAAA",
               "retired_on": "2027-01-31"},
    "staff": {"first_name": "Sari", "last_name": "Koskinen", "role": "coordinator",
              "title": "Palveluohjaaja", "email": "sari.koskinen@pielavesi.fi",
              "phone": "+358401234567", "active": 1},
    "client": {"status": "active", "first_name": "Matti", "last_name": "Virtanen",
               "identity_code": "131052-308T", "birth_date": "1952-10-13", "birth_year": 1952,
               "gender": "man", "native_language": "fi", "municipality": "Pielavesi",
               "street_address": "Keskustie 1 A 2", "postal_code": "72400",
               "post_office": "Pielavesi", "phone": "+358401234567", "email": "matti@esimerkki.fi",
               "responsible_staff_id": "@staff", "consent_processing_on": "2026-01-05",
               "consent_share_employers_on": None, "disability": 0, "foreign_background": None,
               "digital_skills": "basic", "skills": '["puutyö", "trukin ajo"]',
               "driving_licences": "B,C,CE", "working_time_wish": "shift", "max_travel_km": 50,
               "outside_service_model": 0, "note": "Toivoo osa-aikatyötä.\nEi autoa.",
               "erased_on": None},
    "client_language": {"client_id": "@client", "language": "sv", "level": "good"},
    "client_occupation": {"client_id": "@client", "occupation_code": "8172"},
    "client_card": {"client_id": "@client", "card": "hygiene_passport", "expires_on": None},
    "agreement_period": {"client_id": "@client", "start_date": "2026-01-05",
                         "end_date": "2026-09-30", "labour_status": "long_term_unemployed",
                         "unemployed_since": "2024-11-01", "job_search_start": "2024-11-01",
                         "education_level": "isced_3_4", "exit_outcome": "employed_open_market",
                         "employment_over_3_months": 1, "exit_note": "Sai työpaikan sahalta."},
    "self_assessment": {"client_id": "@client", "period_id": "@agreement_period",
                        "phase": "start", "assessed_on": "2026-01-05", "work_ability": 7,
                        "job_search_skills": 4, "digital_skills": None, "everyday_life": 10,
                        "confidence": 1},
    "quick_contact": {"contact_date": "2026-11-23", "contact_time": "09:05", "staff_id": "@staff",
                      "channel": "desk", "service_type": "digital_advice", "minutes": 15,
                      "name": "Aino", "gender": "woman", "age_group": "55_plus",
                      "note": "Apua verkkolomakkeen kanssa.", "promoted_client_id": None},
    "survey_answer": {"client_id": None, "answered_on": "2026-11-23", "statement": "useful",
                      "rating": 5},
    "employer": {"business_id": "0737546-2", "name": "Pielaveden Saha Oy", "industry": "C",
                 "kind": "company", "municipality": "Pielavesi", "street_address": "Sahantie 3",
                 "postal_code": "72400", "phone": "+358171234567", "email": "rekry@saha.fi",
                 "note": None},
    "employer_contact": {"employer_id": "@employer", "name": "Jukka Mäkinen",
                         "role": "Tuotantopäällikkö", "phone": "+358407654321", "email": None},
    "provider": {"business_id": "1572860-0", "name": "Valmennus & Koulutus Oy",
                 "municipality": "Kuopio", "phone": None, "email": "info@valmennus.fi",
                 "note": "Puitesopimus 2026."},
    "job_opening": {"employer_id": "@employer", "title": "Sahatyöntekijä",
                    "occupation_code": "8172", "positions": 2, "municipality": "Pielavesi",
                    "working_time": "shift", "employment_kind": "fixed_term",
                    "required_cards": '["occupational_safety_card", "forklift_card"]',
                    "required_languages": '["fi"]', "driving_licence": "B",
                    "skills": '["puutyö"]', "employer_driven": 1, "digital_marketing": 0,
                    "new_job": 1, "opened_on": "2026-11-02", "closes_on": "2026-11-30",
                    "status": "open", "description": "Vuorotyö.\n\nAloitus joulukuussa."},
    "appointment": {"kind": "individual", "on_date": "2026-11-23", "start_time": "13:30",
                    "duration_min": 45, "staff_id": "@staff", "client_id": "@client",
                    "employer_id": None, "channel": "video", "service_type": "job_search_coaching",
                    "status": "completed", "title": None, "location": "Teams",
                    "notes": "CV päivitetty.", "next_step": "Hakemus sahalle",
                    "follow_up_on": "2026-12-07", "series_id": None,
                    "statutory_contact": "job_search_discussion"},
    "appointment_participant": {"appointment_id": "@appointment", "client_id": None,
                                "name": "Aino Kettunen", "attendance": "attended"},
    "appointment_status_change": {"appointment_id": "@appointment", "from_status": "arrived",
                                  "to_status": "completed",
                                  "changed_at": "2026-11-23T12:15:00.123456Z"},
    "referral": {"client_id": "@client", "appointment_id": "@appointment",
                 "kind": "purchased_service", "card_name": None, "provider_id": "@provider",
                 "service_name": "Työkykyvalmennus", "referred_on": "2026-02-01",
                 "start_date": "2026-02-15", "end_date": "2026-04-15", "status": "completed",
                 "agreed_cost_cents": 150000, "realised_cost_cents": 0, "note": None},
    "match_proposal": {"job_id": "@job_opening", "client_id": "@client", "staff_id": "@staff",
                       "proposed_on": "2026-11-05", "status": "hired", "score": 87, "note": None},
    "match_status_change": {"match_id": "@match_proposal", "from_status": "offered",
                            "to_status": "hired", "changed_on": "2026-11-20"},
    "employment_outcome": {"client_id": "@client", "employer_id": "@employer",
                           "job_id": "@job_opening", "match_id": "@match_proposal",
                           "kind": "open_market", "permanent": 0, "new_job": 1,
                           "start_date": "2026-12-01", "end_date": None},
    "contact_rule_set": {"name": "Pohjoismainen työvoimapalvelumalli 2.5.2022",
                         "effective_from": "2022-05-02",
                         "rules": '{"initial_interview_working_days": 5, '
                                  '"supplementary_discussions": 5}'},
    "sync_conflict": {"kind": "edit_edit", "table_name": "client", "row_id": "@client",
                      "field": "phone", "winner_value": '"+358401234567"',
                      "winner_hlc": "1795463185609.00001@A", "winner_device": "A",
                      "winner_staff": None, "winner_at": "2026-11-23T08:00:00.000000Z",
                      "loser_value": '"+358507654321"', "loser_hlc": "1795463185609.00000@B",
                      "loser_device": "B", "loser_staff": None,
                      "loser_at": "2026-11-23T08:00:00.000000Z", "resolved_by": None,
                      "resolved_at": None, "resolution": None},
}


def test_every_model_has_a_sample():
    assert SAMPLES.keys() == MODELS.keys()


@pytest.fixture(scope="module")
def stored(db) -> dict[str, dict]:
    """Each sample inserted once through store/records.py (parents first); full rows back."""
    ids: dict[str, str] = {}
    rows: dict[str, dict] = {}
    for table, sample in SAMPLES.items():  # written in dependency order
        values = {k: ids[val[1:]] if isinstance(val, str) and val.startswith("@") else val
                  for k, val in sample.items()}
        ids[table] = records.insert(db, table, values, None)
        rows[table] = records.get(db, table, ids[table])
    return rows


def variant(stored_rows: dict[str, dict], table: str, **changes) -> dict:
    """A sample's business fields with changes, and no values that must stay unique."""
    row = {k: val for k, val in stored_rows[table].items() if k not in BOOKKEEPING}
    if table == "client":
        row.update(identity_code=None, birth_date=None, birth_year=None)
    if table in ("employer", "provider"):
        row.update(business_id=None)
    if table == "referral":
        row.update(card_name="first_aid")  # so every kind, card training too, is complete
    return {**row, **changes}


@pytest.mark.parametrize("table,column", sorted(EXPECTED_CODES))
def test_each_code_value_passes_the_model_and_the_database(db, stored, table, column):
    model = MODELS[table]
    is_list = typing.get_origin(model.model_fields[column].annotation) is list
    for value in EXPECTED_CODES[(table, column)]:
        row = variant(stored, table, **{column: [value] if is_list else value})
        # Through the model from Python values, then written as the model stores it.
        checked = model.model_validate(row_to_model(model, row).model_dump())
        records.insert(db, table, model_to_row(checked), None)
    with pytest.raises(ValidationError) as info:
        row_to_model(model, variant(stored, table, **{column: ["bogus"] if is_list else "bogus"}))
    assert [(e.field, e.code) for e in to_form_errors(info.value).errors] == [
        (column, "choose_from_list")]
    if (table, column) not in UNCHECKED:
        # The CHECK refuses what the model refuses (written around the model on purpose).
        bad = {**model_to_row(row_to_model(model, variant(stored, table))), column: "bogus"}
        with pytest.raises(sqlite3.IntegrityError):
            records.insert(db, table, bad, None)


# --- (3) validators wired into the models ---------------------------------------------


def refusal(model, **fields) -> FormErrors:
    """Build `model`, expect a refusal, and return it as form errors."""
    with pytest.raises(ValidationError) as info:
        model(**fields)
    return to_form_errors(info.value)


def codes_of(errors: FormErrors) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in errors.errors]


NAMES = {"first_name": "Matti", "last_name": "Virtanen"}
PERIOD = {"client_id": "c1", "start_date": dt.date(2026, 3, 1), "labour_status": "unemployed"}
REFERRAL = {"client_id": "c1", "kind": "work_trial", "referred_on": dt.date(2026, 3, 1)}
APPOINTMENT = {"on_date": "23.11.2026", "start_time": "9.30", "duration_min": 45,
               "channel": "desk", "service_type": "service_guidance", "client_id": "c1"}


def test_valid_client_is_normalised_like_the_forms_do():
    client = Client(**NAMES, identity_code="131052-308t", birth_date="13.10.1952",
                    phone="040 123 4567", email="Matti@Esimerkki.FI", postal_code="72400",
                    driving_licences="ce, b", skills=["puutyö", "puutyö"])
    assert client.identity_code == "131052-308T"
    assert client.birth_date == dt.date(1952, 10, 13)
    assert client.phone == "+358401234567"
    assert client.email == "Matti@esimerkki.fi"
    assert client.driving_licences == ["B", "CE"]
    assert client.skills == ["puutyö"]


def test_identity_code_checksum_is_refused_in_finnish():
    errors = refusal(Client, **NAMES, identity_code="131052-308A")
    assert codes_of(errors) == [("identity_code", "hetu_checksum")]
    assert errors.by_field()["identity_code"] == (
        "Henkilötunnuksen tarkistemerkki ei täsmää. Tarkista tunnus.")


def test_birth_date_must_match_the_identity_code():
    errors = refusal(Client, **NAMES, identity_code="131052-308T", birth_date=dt.date(1952, 10, 14))
    assert codes_of(errors) == [("birth_date", "birth_date_mismatch")]
    assert errors.by_field()["birth_date"] == (
        "Syntymäaika ei täsmää henkilötunnukseen: tunnuksen mukaan syntymäaika on 13.10.1952.")
    Client(**NAMES, identity_code="131052-308T", birth_date=dt.date(1952, 10, 13))


def test_birth_year_must_match_the_birth_date():
    errors = refusal(Client, **NAMES, identity_code="131052-308T", birth_year=1953)
    assert codes_of(errors) == [("birth_year", "number_range")]
    assert errors.by_field()["birth_year"] == "Anna luku väliltä 1952–1952."


def test_business_id_check_digit():
    assert Employer(name="Saha Oy", business_id="07375462").business_id == "0737546-2"
    errors = refusal(Employer, name="Saha Oy", business_id="0737546-3")
    assert codes_of(errors) == [("business_id", "business_id_checksum")]
    assert errors.by_field()["business_id"] == (
        "Y-tunnuksen tarkistenumero ei täsmää. Tarkista tunnus.")


@pytest.mark.parametrize("model,base", [(AgreementPeriod, PERIOD), (Referral, REFERRAL),
                                        (EmploymentOutcome, {"client_id": "c1",
                                                             "kind": "open_market"})])
def test_end_before_start_is_refused(model, base):
    start = dt.date(2026, 3, 1)
    model(**{**base, "start_date": start, "end_date": start})
    errors = refusal(model, **{**base, "start_date": start, "end_date": dt.date(2026, 2, 28)})
    assert codes_of(errors) == [("end_date", "date_too_early")]
    assert errors.by_field()["end_date"] == "Päivämäärä ei voi olla aikaisempi kuin 1.3.2026."


@pytest.mark.parametrize("cost", [-1, "-12,50"])
def test_negative_cost_is_refused(cost):
    errors = refusal(Referral, **REFERRAL, agreed_cost_cents=cost)
    assert codes_of(errors) == [("agreed_cost_cents", "money_negative")]
    assert errors.by_field()["agreed_cost_cents"] == "Summa ei voi olla negatiivinen."
    assert Referral(**REFERRAL, realised_cost_cents="1 234,50 €").realised_cost_cents == 123450


def test_emoji_in_a_name_is_refused():
    errors = refusal(Staff, first_name="Sari 😀", last_name="Koskinen")
    assert codes_of(errors) == [("first_name", "name_characters")]
    assert errors.by_field()["first_name"].startswith("Nimessä voi olla vain kirjaimia")


def test_a_ten_thousand_character_name_is_refused():
    errors = refusal(Client, first_name="a" * 10_000, last_name="Virtanen")
    assert codes_of(errors) == [("first_name", "too_long")]
    assert errors.errors[0].params == {"max_length": 100, "length": 10_000}
    assert errors.by_field()["first_name"] == (
        "Teksti on liian pitkä: enintään 100 merkkiä, nyt 10000.")


def test_several_fields_are_reported_at_once():
    errors = refusal(Client, first_name="", last_name="Virtanen", email="matti.at.example",
                     gender="female", max_travel_km="lots")
    assert codes_of(errors) == [("first_name", "required"), ("gender", "choose_from_list"),
                                ("email", "email_missing_at"), ("max_travel_km", "whole_number")]
    assert errors.by_field() == {field: t(f"error.{code}", "fi") for field, code in
                                 codes_of(errors)}
    assert errors.by_field()["gender"] == "Valitse jokin luettelon vaihtoehdoista."


def test_missing_field_is_required():
    errors = refusal(AgreementPeriod, client_id="c1", start_date="1.3.2026")
    assert codes_of(errors) == [("labour_status", "required")]
    assert errors.by_field()["labour_status"] == "Tämä tieto on pakollinen."


def test_appointment_needs_a_client_an_employer_or_a_group():
    base = {k: val for k, val in APPOINTMENT.items() if k != "client_id"}
    assert codes_of(refusal(Appointment, **base)) == [("client_id", "required")]
    assert codes_of(refusal(Appointment, **base, kind="company_visit")) == [
        ("employer_id", "required")]
    assert Appointment(**base, kind="group").client_id is None
    assert Appointment(**base, kind="company_visit", employer_id="e1").start_time == dt.time(9, 30)


@pytest.mark.parametrize("minutes,ok", [(0, False), (1, True), (720, True), (721, False),
                                        ("45", True), ("1,5", False)])
def test_duration_is_one_to_720_minutes(minutes, ok):
    if ok:
        assert Appointment(**{**APPOINTMENT, "duration_min": minutes}).duration_min == int(minutes)
    else:
        errors = refusal(Appointment, **{**APPOINTMENT, "duration_min": minutes})
        assert errors.errors[0].field == "duration_min"
        assert errors.errors[0].code in ("number_range", "whole_number")


@pytest.mark.parametrize("score,ok", [(0, False), (1, True), (10, True), (11, False),
                                      (None, True), ("", True)])
def test_self_assessment_scores_are_one_to_ten(score, ok):
    base = {"client_id": "c1", "phase": "exit", "assessed_on": "2026-11-23"}
    if ok:
        SelfAssessment(**base, confidence=score)
    else:
        errors = refusal(SelfAssessment, **base, confidence=score)
        assert codes_of(errors) == [("confidence", "number_range")]
        assert errors.by_field()["confidence"] == "Anna luku väliltä 1–10."


def test_purchased_service_needs_a_provider_and_card_training_a_card():
    errors = refusal(Referral, **{**REFERRAL, "kind": "purchased_service"})
    assert codes_of(errors) == [("provider_id", "required")]
    Referral(**{**REFERRAL, "kind": "purchased_service", "provider_id": "p1"})
    errors = refusal(Referral, **{**REFERRAL, "kind": "card_training"})
    assert codes_of(errors) == [("card_name", "required")]
    Referral(**{**REFERRAL, "kind": "card_training", "card_name": "first_aid"})


def test_cross_field_errors_are_all_reported():
    errors = refusal(Referral, **{**REFERRAL, "kind": "purchased_service"},
                     start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 3, 1))
    assert codes_of(errors) == [("end_date", "date_too_early"), ("provider_id", "required")]


def test_bad_dates_and_times_get_the_form_messages():
    errors = refusal(Appointment, **{**APPOINTMENT, "on_date": "31.2.2026",
                                     "start_time": "25.00"})
    assert codes_of(errors) == [("on_date", "no_such_date"), ("start_time", "no_such_time")]
    assert errors.by_field()["on_date"] == "Päivämäärää 31.2.2026 ei ole olemassa."


@given(st.text(max_size=30))
def test_a_name_is_refused_by_the_model_exactly_when_the_form_refuses_it(text):
    try:
        expected: object = v.person_name(text, "first_name")
    except FieldError as err:
        expected = err.code
    try:
        got: object = Staff(first_name=text, last_name="Koskinen").first_name
    except ValidationError as exc:
        got = to_form_errors(exc).errors[0].code
    assert got == expected


@given(st.text(alphabet="0123456789 +-()", max_size=20))
def test_a_phone_is_refused_by_the_model_exactly_when_the_form_refuses_it(text):
    try:
        expected: object = v.optional(v.phone, text, field="phone")
    except FieldError as err:
        expected = err.code
    try:
        got: object = Staff(**NAMES, phone=text).phone
    except ValidationError as exc:
        got = to_form_errors(exc).errors[0].code
    assert got == expected


# --- (4) rows round-trip through the models ---------------------------------------------


@pytest.mark.parametrize("table", sorted(SAMPLES))
def test_row_to_model_to_row_round_trips(stored, table):
    row = stored[table]
    model = row_to_model(MODELS[table], row)
    assert model_to_row(model) == {k: val for k, val in row.items() if k not in BOOKKEEPING}
    record = record_from_row(MODELS[table], row)
    assert model_to_row(record.meta) == {k: row[k] for k in BOOKKEEPING}
    assert record.meta.version == 1 and record.meta.deleted is False
    assert record.data == model


def test_rows_become_python_values(stored):
    client = row_to_model(Client, stored["client"])
    assert client.birth_date == dt.date(1952, 10, 13)
    assert client.disability is False and client.foreign_background is None
    assert client.skills == ["puutyö", "trukin ajo"]
    assert client.driving_licences == ["B", "C", "CE"]
    contact = row_to_model(MODELS["quick_contact"], stored["quick_contact"])
    assert contact.contact_time == dt.time(9, 5)
    change = row_to_model(MODELS["appointment_status_change"], stored["appointment_status_change"])
    assert change.changed_at == dt.datetime(2026, 11, 23, 12, 15, 0, 123456, tzinfo=dt.timezone.utc)
    rules = row_to_model(MODELS["contact_rule_set"], stored["contact_rule_set"])
    assert rules.rules["initial_interview_working_days"] == 5


def test_unvalidated_rows_still_convert():
    # An erased client's scrubbed names would not pass the name check, but must still show.
    row = {**SAMPLES["client"], "first_name": "", "last_name": "", "identity_code": None,
           "responsible_staff_id": None}
    with pytest.raises(ValidationError):
        row_to_model(Client, row)
    client = row_to_model(Client, row, validate=False)
    assert client.first_name == "" and client.birth_date == dt.date(1952, 10, 13)
    assert model_to_row(client) == row


# --- (5) derived values -----------------------------------------------------------------

births = st.dates(dt.date(1900, 1, 1), dt.date(2026, 12, 31))
days = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@given(births, days)
def test_age_groups_follow_age_on(birth, day):
    if day < birth:
        with pytest.raises(ValueError):
            age_on(birth, day)
        return
    age = age_on(birth, day)
    expected = ({"under_25"} if age < 25 else set()) | ({"under_30"} if age < 30 else set()) \
        | ({"55_plus"} if age >= 55 else set())
    assert age_groups(birth, day) == expected
    code = age_group_code(birth, day)
    assert code in codes.AGE_GROUP
    assert (code == "under_25") == ("under_25" in expected)
    assert (code == "55_plus") == ("55_plus" in expected)


@given(births, st.integers(1, 70))
def test_age_goes_up_by_one_on_each_birthday(birth, years):
    try:
        birthday = birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year
        birthday = dt.date(birth.year + years, 3, 1)
    assert age_on(birth, birthday) == years
    assert age_on(birth, birthday - dt.timedelta(days=1)) == years - 1


def test_leap_day_birthdays():
    born = dt.date(2004, 2, 29)
    assert age_on(born, dt.date(2022, 2, 28)) == 17
    assert age_on(born, dt.date(2022, 3, 1)) == 18
    assert age_on(born, dt.date(2024, 2, 28)) == 19
    assert age_on(born, dt.date(2024, 2, 29)) == 20
    assert age_groups(born, dt.date(2029, 2, 28)) == {"under_25", "under_30"}
    assert age_groups(born, dt.date(2029, 3, 1)) == {"under_30"}
    assert age_groups(dt.date(1972, 2, 29), dt.date(2027, 3, 1)) == {"55_plus"}
    assert age_groups(dt.date(1972, 2, 29), dt.date(2027, 2, 28)) == set()


def test_long_term_unemployed_at_the_twelve_month_boundary():
    since = dt.date(2025, 11, 23)
    assert not is_long_term_unemployed(since, dt.date(2026, 11, 22))
    assert is_long_term_unemployed(since, dt.date(2026, 11, 23))
    assert not is_long_term_unemployed(None, dt.date(2026, 11, 23))
    # Since a leap day: twelve months are complete once 28 February is over.
    assert not is_long_term_unemployed(dt.date(2024, 2, 29), dt.date(2025, 2, 28))
    assert is_long_term_unemployed(dt.date(2024, 2, 29), dt.date(2025, 3, 1))


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
def test_long_term_unemployment_starts_twelve_months_on(since):
    boundary = since.replace(year=since.year + 1) if (since.month, since.day) != (2, 29) \
        else dt.date(since.year + 1, 3, 1)
    assert is_long_term_unemployed(since, boundary)
    assert is_long_term_unemployed(since, boundary + dt.timedelta(days=400))
    assert not is_long_term_unemployed(since, boundary - dt.timedelta(days=1))
    assert not is_long_term_unemployed(since, since)
