"""Intake, duplicates and exits through the services, on real SQLite files."""

from __future__ import annotations

import pytest

from duunikulma_tui.domain.errors import FormErrors
from duunikulma_tui.services import client_card, exits, intake
from duunikulma_tui.services.client_search import RegistryFilter, search_clients

from .builders import add_staff


def full_intake(**over) -> dict[str, str]:
    values = {
        "first_name": "Anna", "last_name": "Mäkinen", "identity_code": "131052-308T",
        "birth_date": "13.10.1952", "gender": "woman", "native_language": "fi",
        "languages": "englanti hyvä, ruotsi alkeet", "municipality": "Pielavesi",
        "street_address": "Kirkkotie 1", "postal_code": "72400", "post_office": "Pielavesi",
        "phone": "040 123 4567", "email": "anna.makinen@example.fi",
        "consent_processing_on": "23.11.2026", "consent_share_employers_on": "23.11.2026",
        "start_date": "23.11.2026", "labour_status": "unemployed",
        "unemployed_since": "1.9.2025", "education_level": "isced_3_4",
        "occupations": "8344, 5322", "skills": "asiakaspalvelu, varastotyö",
        "cards": "trukkikortti 31.12.2027, hygieniapassi", "driving_licences": "B, C",
        "working_time_wish": "full_time", "max_travel_km": "40", "digital_skills": "basic",
        "sa_work_ability": "7", "sa_job_search_skills": "5", "sa_digital_skills": "4",
        "sa_everyday_life": "8", "sa_confidence": "6", "note": "Haluaa varastotöihin.",
    }
    values.update(over)
    return values


@pytest.fixture
def signed_in(desk):
    desk.operator_id = add_staff(desk)
    return desk


def test_a_complete_intake_saves_everything_in_one_go(signed_in):
    desk = signed_in
    cid = intake.save_intake(desk, full_intake())
    card = client_card.load_card(desk, cid)
    assert (card.first_name, card.last_name, card.status) == ("Anna", "Mäkinen", "active")
    assert card.masked_code == "131052-***T" and card.phone == "+358401234567"
    assert card.occupations == ["5322", "8344"]
    assert card.languages == [("en", "good"), ("sv", "basic")]
    assert ("forklift_card", __import__("datetime").date(2027, 12, 31)) in card.cards
    period = card.open_period
    # Unemployed since 1.9.2025, agreement from 23.11.2026: 12 months or more -> derived.
    assert period.labour_status == "long_term_unemployed"
    assert [a.phase for a in card.assessments] == ["start"]
    assert card.assessments[0].scores["work_ability"] == 7
    audit = desk.store.query("SELECT action FROM audit_log WHERE record_id = ?", (cid,))
    assert {"create", "view_personal"} <= {a["action"] for a in audit}


def test_a_draft_needs_only_the_names(signed_in):
    cid = intake.save_intake(signed_in, {"first_name": "Sanna", "last_name": "Mäkelä"},
                             draft=True)
    card = client_card.load_card(signed_in, cid)
    assert card.status == "draft" and card.periods == []


def test_an_active_client_needs_agreement_start_situation_and_consent(signed_in):
    with pytest.raises(FormErrors) as info:
        intake.save_intake(signed_in, {"first_name": "Sanna", "last_name": "Mäkelä"})
    fields = info.value.by_field()
    assert {"start_date", "labour_status", "consent_processing_on"} <= set(fields)
    assert signed_in.store.scalar("SELECT COUNT(*) FROM client") == 0


@pytest.mark.parametrize("field, value, code", [
    ("identity_code", "131052-308U", "hetu_checksum"),
    ("birth_date", "14.10.1952", "birth_date_mismatch"),
    ("birth_date", "1.1.2099", "future_date"),
    ("first_name", "A" * 10_000, "too_long"),
    ("first_name", "An\x07na", "control_characters"),
    ("first_name", "Anna 😀", "name_characters"),
    ("last_name", "Robert'); DROP TABLE client;--", "name_characters"),
    ("first_name", "   ", "required"),
    ("postal_code", "7240", "postal_code"),
    ("start_date", "31.2.2026", "no_such_date"),
    ("cards", "lentolupa", "unknown_card"),
    ("occupations", "9999", "unknown_occupation"),
    ("languages", "klingon hyvä", "unknown_language"),
    ("sa_confidence", "11", "number_range"),
])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(signed_in, field, value, code):
    before = signed_in.store.scalar("SELECT COUNT(*) FROM change_log")
    with pytest.raises(FormErrors) as info:
        intake.save_intake(signed_in, full_intake(**{field: value}))
    errors = {}
    for err in info.value.errors:  # the first error of a field is the one shown
        errors.setdefault(err.field, err)
    assert errors[field].code == code
    assert not errors[field].message("fi").startswith("error.")
    assert signed_in.store.scalar("SELECT COUNT(*) FROM change_log") == before


def test_the_same_identity_code_is_refused_and_points_at_the_existing_client(signed_in):
    first = intake.save_intake(signed_in, full_intake())
    with pytest.raises(intake.DuplicateIdentityCode) as info:
        intake.save_intake(signed_in, full_intake(first_name="Annikki", identity_code="131052-308t"))
    assert info.value.client_id == first
    assert signed_in.store.scalar("SELECT COUNT(*) FROM client") == 1


@pytest.mark.parametrize("first, last", [("Anna", "Makinen"), ("Anna", "Mäkinen-Laine")])
def test_a_similar_name_with_the_same_birth_date_warns_until_confirmed(signed_in, first, last):
    intake.save_intake(signed_in, full_intake(identity_code="", birth_date="13.10.1952"))
    twin = full_intake(first_name=first, last_name=last, identity_code="", email="")
    with pytest.raises(intake.SimilarClientsFound) as info:
        intake.save_intake(signed_in, twin)
    assert [c.name for c in info.value.candidates] == ["Mäkinen Anna"]
    intake.save_intake(signed_in, twin, confirm_similar=True)
    assert signed_in.store.scalar("SELECT COUNT(*) FROM client") == 2


def test_editing_changes_only_what_the_form_shows(signed_in):
    cid = intake.save_intake(signed_in, full_intake())
    values = intake.intake_values(signed_in, cid)
    assert values["identity_code"] == "131052-308T" and values["birth_date"] == "13.10.1952"
    assert values["labour_status"] == "unemployed"  # long-term is derived again on save
    values.update(phone="050 765 4321", cards="hygieniapassi")
    assert intake.save_intake(signed_in, values, client_id=cid) == cid
    card = client_card.load_card(signed_in, cid)
    assert card.phone == "+358507654321" and card.cards == [("hygiene_passport", None)]
    assert card.open_period.labour_status == "long_term_unemployed"
    removed = signed_in.store.scalar("SELECT COUNT(*) FROM client_card WHERE deleted = 1")
    assert removed == 1


def test_search_finds_without_finnish_letters_and_by_phone_and_code_tail(signed_in):
    cid = intake.save_intake(signed_in, full_intake())
    intake.save_intake(signed_in, full_intake(first_name="Liisa", last_name="Virtanen-Korhonen",
                                              identity_code="", birth_date="1.1.1990",
                                              phone="050 111 2222", email=""))
    flt = RegistryFilter(status="all")
    for text in ("makinen", "MÄKI", "anna mak", "0401234", "+358 40 123", "308t", "pielavesi anna"):
        assert cid in [r.id for r in search_clients(signed_in, text, flt)], text
    assert [r.last_name for r in search_clients(signed_in, "korhonen", flt)] == ["Virtanen-Korhonen"]
    assert search_clients(signed_in, '"; DROP TABLE client; --', flt) == []


def test_exit_with_outcome_and_a_later_new_period(signed_in):
    cid = intake.save_intake(signed_in, full_intake())
    with pytest.raises(FormErrors) as info:
        exits.exit_client(signed_in, cid, {"end_date": "1.1.2020", "exit_outcome": ""})
    assert {"end_date", "exit_outcome"} <= set(info.value.by_field())
    with pytest.raises(FormErrors) as info:
        exits.exit_client(signed_in, cid, {"end_date": "23.11.2026",
                                           "exit_outcome": "employed_open_market"})
    assert "employment_over_3_months" in info.value.by_field()
    exits.exit_client(signed_in, cid, {"end_date": "23.11.2026",
                                       "exit_outcome": "employed_open_market",
                                       "employment_over_3_months": "yes",
                                       "sa_work_ability": "9"})
    card = client_card.load_card(signed_in, cid)
    assert card.status == "exited" and card.open_period is None
    assert card.periods[0].exit_outcome == "employed_open_market"
    assert [a.phase for a in card.assessments] == ["start", "exit"]
    with pytest.raises(FormErrors):
        exits.start_new_period(signed_in, cid, {"start_date": "23.11.2026",
                                                "labour_status": "unemployed"})
    exits.start_new_period(signed_in, cid, {"start_date": "24.11.2026",
                                            "labour_status": "unemployed"})
    card = client_card.load_card(signed_in, cid)
    assert card.status == "active" and len(card.periods) == 2


def test_revealing_the_identity_code_is_audited(signed_in):
    cid = intake.save_intake(signed_in, full_intake())
    assert client_card.reveal_identity_code(signed_in, cid) == "131052-308T"
    last = signed_in.store.query("SELECT action, record_id FROM audit_log ORDER BY seq DESC LIMIT 1")
    assert last == [{"action": "reveal_identity_code", "record_id": cid}]
