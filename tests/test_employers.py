"""The employer registry through its services, on real SQLite files."""

from __future__ import annotations

import datetime as dt

import pytest

from duunikulma_tui.domain.errors import FormErrors
from duunikulma_tui.domain.i18n import set_language
from duunikulma_tui.domain.industries import industries, industry_label, industry_name
from duunikulma_tui.services import employers
from duunikulma_tui.store import records

from .builders import TODAY, add_appointment, add_client, add_staff

VALID_ID = "0737546-2"
WRONG_CHECK_DIGIT = "0737546-3"


def saha(**over) -> dict[str, str]:
    values = {"business_id": VALID_ID, "name": "Pielaveden Saha Oy", "industry": "C",
              "kind": "company", "municipality": "Pielavesi", "street_address": "Sahatie 1",
              "postal_code": "72400", "phone": "017 123 4567", "email": "info@saha.example",
              "note": "Rekrytoi keväisin."}
    values.update(over)
    return values


def add_job(desk, employer_id: str, title: str, opened: dt.date, status: str = "open") -> str:
    return records.insert(desk.store, "job_opening", {
        "employer_id": employer_id, "title": title, "opened_on": opened.isoformat(),
        "status": status}, desk.operator_id)


def add_match(desk, job_id: str, client_id: str, proposed: dt.date,
              status: str = "proposed") -> str:
    return records.insert(desk.store, "match_proposal", {
        "job_id": job_id, "client_id": client_id, "proposed_on": proposed.isoformat(),
        "status": status, "score": 80}, desk.operator_id)


@pytest.fixture
def signed_in(desk):
    desk.operator_id = add_staff(desk)
    return desk


def count(desk, table: str) -> int:
    return desk.store.scalar(f"SELECT COUNT(*) FROM {table} WHERE deleted = 0")


# -- industries -----------------------------------------------------------------


def test_tol_sections_have_names_in_both_languages():
    assert list(industries()) == [chr(c) for c in range(ord("A"), ord("U") + 1)]
    assert industry_name("C", "fi") == "Teollisuus"
    assert industry_name("C", "en") == "Manufacturing"
    assert industry_label("F") == "F Rakentaminen"
    set_language("en")
    assert industry_label("F") == "F Construction"
    assert industry_name(None) == "" and industry_name("Z") == ""


# -- saving ---------------------------------------------------------------------


def test_a_valid_employer_is_saved_normalised_and_audited(signed_in):
    desk = signed_in
    eid = employers.save_employer(desk, saha())
    row = records.get(desk.store, "employer", eid)
    assert (row["business_id"], row["name"], row["industry"]) == (VALID_ID, "Pielaveden Saha Oy",
                                                                  "C")
    assert row["phone"] == "+358171234567" and row["updated_by"] == desk.operator_id
    actions = [r["action"] for r in desk.store.query(
        "SELECT action FROM audit_log WHERE record_id = ?", (eid,))]
    assert actions == ["create"]
    assert employers.employer_values(desk, eid)["business_id"] == VALID_ID


def test_business_id_without_dash_or_blank_is_accepted(signed_in):
    eid = employers.save_employer(signed_in, saha(business_id="07375462"))
    assert records.get(signed_in.store, "employer", eid)["business_id"] == VALID_ID
    other = employers.save_employer(signed_in, saha(business_id="", name="Kahvila Kuppi"))
    assert records.get(signed_in.store, "employer", other)["business_id"] is None


def test_wrong_check_digit_is_refused_and_nothing_saved(signed_in):
    with pytest.raises(FormErrors) as err:
        employers.save_employer(signed_in, saha(business_id=WRONG_CHECK_DIGIT))
    messages = err.value.by_field()
    assert list(messages) == ["business_id"]
    assert "tarkistenumero" in messages["business_id"]
    assert "check digit" in err.value.by_field("en")["business_id"]
    assert count(signed_in, "employer") == 0
    assert signed_in.store.scalar("SELECT COUNT(*) FROM change_log WHERE table_name = "
                                  "'employer'") == 0


@pytest.mark.parametrize("field, value", [
    ("name", ""),
    ("name", "x" * 10_000),
    ("name", "Saha\x00Oy"),
    ("email", "ei-osoite"),
    ("postal_code", "724"),
    ("industry", "Z"),
    ("kind", "kartano"),
])
def test_each_bad_field_is_refused_beside_its_field(signed_in, field, value):
    with pytest.raises(FormErrors) as err:
        employers.save_employer(signed_in, saha(**{field: value}))
    assert field in err.value.by_field()
    assert count(signed_in, "employer") == 0


def test_all_errors_come_back_at_once(signed_in):
    with pytest.raises(FormErrors) as err:
        employers.save_employer(signed_in, saha(business_id=WRONG_CHECK_DIGIT, name="",
                                                industry="Z"))
    assert set(err.value.by_field()) == {"business_id", "name", "industry"}


def test_sql_looking_text_is_just_text(signed_in):
    name = "Robert'); DROP TABLE employer;--"
    eid = employers.save_employer(signed_in, saha(name=name, business_id=""))
    assert records.get(signed_in.store, "employer", eid)["name"] == name
    assert [r.id for r in employers.search_employers(signed_in, "drop table")] == [eid]


def test_duplicate_business_id_is_refused_naming_the_existing_employer(signed_in):
    first = employers.save_employer(signed_in, saha())
    with pytest.raises(employers.DuplicateBusinessId) as err:
        employers.save_employer(signed_in, saha(name="Saha Kopio Oy", business_id="07375462"))
    assert err.value.employer_id == first
    assert "Pielaveden Saha Oy" in err.value.by_field()["business_id"]
    assert count(signed_in, "employer") == 1


def test_editing_keeps_its_own_business_id_and_audits_the_update(signed_in):
    desk = signed_in
    eid = employers.save_employer(desk, saha())
    assert employers.save_employer(desk, saha(municipality="Keitele"), eid) == eid
    row = records.get(desk.store, "employer", eid)
    assert (row["municipality"], row["version"]) == ("Keitele", 2)
    # Saving unchanged values writes nothing and logs nothing.
    employers.save_employer(desk, saha(municipality="Keitele"), eid)
    actions = [r["action"] for r in desk.store.query(
        "SELECT action FROM audit_log WHERE record_id = ? ORDER BY seq", (eid,))]
    assert actions == ["create", "update"]


def test_an_edit_cannot_take_another_employers_business_id(signed_in):
    employers.save_employer(signed_in, saha())
    other = employers.save_employer(signed_in, saha(name="Kahvila Kuppi", business_id=""))
    with pytest.raises(employers.DuplicateBusinessId):
        employers.save_employer(signed_in, saha(name="Kahvila Kuppi"), other)


def test_a_removed_employers_business_id_can_be_used_again(signed_in):
    first = employers.save_employer(signed_in, saha())
    records.soft_delete(signed_in.store, "employer", first, signed_in.operator_id)
    assert employers.save_employer(signed_in, saha(name="Uusi Saha Oy")) != first


# -- search ---------------------------------------------------------------------


@pytest.fixture
def registry(signed_in):
    desk = signed_in
    ids = {
        "saha": employers.save_employer(desk, saha()),
        "mantyla": employers.save_employer(desk, saha(name="Mäntylän Puutarha", business_id="",
                                                      municipality="Keitele", industry="A")),
        "kunta": employers.save_employer(desk, saha(name="Pielaveden kunta", business_id="",
                                                    kind="municipality", industry="O")),
        "osuus": employers.save_employer(desk, saha(name="Ässä-Kauppa Oy", business_id="",
                                                    municipality="Kuopio", industry="G")),
    }
    return desk, ids


def test_search_by_name_without_finnish_letters_and_any_case(registry):
    desk, ids = registry
    assert [r.id for r in employers.search_employers(desk, "mantyla")] == [ids["mantyla"]]
    assert [r.id for r in employers.search_employers(desk, "MÄNTY")] == [ids["mantyla"]]
    assert [r.id for r in employers.search_employers(desk, "assa")] == [ids["osuus"]]


def test_search_by_business_id_with_or_without_dash(registry):
    desk, ids = registry
    assert [r.id for r in employers.search_employers(desk, VALID_ID)] == [ids["saha"]]
    assert [r.id for r in employers.search_employers(desk, "07375462")] == [ids["saha"]]
    assert [r.id for r in employers.search_employers(desk, "0737")] == [ids["saha"]]


def test_search_by_municipality_and_several_words(registry):
    desk, ids = registry
    assert [r.id for r in employers.search_employers(desk, "keitele")] == [ids["mantyla"]]
    assert {r.id for r in employers.search_employers(desk, "pielavesi")} == {ids["saha"],
                                                                              ids["kunta"]}
    assert [r.id for r in employers.search_employers(desk, "pielaveden kunta")] == [ids["kunta"]]
    assert employers.search_employers(desk, "ei ole") == []


def test_empty_search_lists_everyone_in_finnish_order_with_open_jobs(registry):
    desk, ids = registry
    add_job(desk, ids["saha"], "Trukinkuljettaja", TODAY)
    add_job(desk, ids["saha"], "Sahuri", TODAY)
    add_job(desk, ids["saha"], "Vanha paikka", TODAY, status="filled")
    rows = employers.search_employers(desk, "")
    # Ä sorts after the other letters, as in Finnish.
    assert [r.name for r in rows] == ["Mäntylän Puutarha", "Pielaveden kunta",
                                      "Pielaveden Saha Oy", "Ässä-Kauppa Oy"]
    assert {r.name: r.open_jobs for r in rows}["Pielaveden Saha Oy"] == 2
    assert employers.search_employers(desk, "", limit=2)[-1].name == "Pielaveden kunta"


def test_names_starting_with_the_search_come_first(registry):
    desk, ids = registry
    employers.save_employer(desk, saha(name="Kuopion Kunta-Apu", business_id="",
                                       municipality="Kuopio"))
    rows = employers.search_employers(desk, "kuopio")
    assert rows[0].name == "Kuopion Kunta-Apu"


# -- contacts -------------------------------------------------------------------


def test_contacts_add_edit_remove(signed_in):
    desk = signed_in
    eid = employers.save_employer(desk, saha())
    cid = employers.save_contact(desk, eid, {"name": "Pekka Laine", "role": "tuotantopäällikkö",
                                             "phone": "040 765 4321",
                                             "email": "pekka.laine@saha.example"})
    card = employers.load_employer_card(desk, eid)
    assert [(c.name, c.role, c.phone) for c in card.contacts] == [
        ("Pekka Laine", "tuotantopäällikkö", "+358407654321")]
    assert employers.contact_values(desk, cid)["role"] == "tuotantopäällikkö"

    assert employers.save_contact(desk, eid, {"name": "Pekka Laine", "role": "toimitusjohtaja"},
                                  cid) == cid
    assert employers.load_employer_card(desk, eid).contacts[0].role == "toimitusjohtaja"

    assert employers.remove_contact(desk, cid) is True
    assert employers.remove_contact(desk, cid) is False
    assert employers.load_employer_card(desk, eid).contacts == []
    actions = [r["action"] for r in desk.store.query(
        "SELECT action FROM audit_log WHERE record_id = ? ORDER BY seq", (cid,))]
    assert actions == ["create", "update", "delete"]
    # The removal is a tombstone that travels with sync.
    assert desk.store.scalar("SELECT op FROM change_log WHERE row_id = ? ORDER BY device_seq "
                             "DESC LIMIT 1", (cid,)) == "delete"


def test_contact_errors_save_nothing(signed_in):
    eid = employers.save_employer(signed_in, saha())
    with pytest.raises(FormErrors) as err:
        employers.save_contact(signed_in, eid, {"name": "", "phone": "abc", "email": "x@"})
    assert set(err.value.by_field()) == {"name", "phone", "email"}
    assert count(signed_in, "employer_contact") == 0


def test_a_contact_needs_a_live_employer(signed_in):
    with pytest.raises(KeyError):
        employers.save_contact(signed_in, "no-such-employer", {"name": "Pekka Laine"})
    assert count(signed_in, "employer_contact") == 0


# -- the card -------------------------------------------------------------------


def test_card_lists_visits_jobs_and_matches_newest_first(signed_in):
    desk = signed_in
    eid = employers.save_employer(desk, saha())
    other = employers.save_employer(desk, saha(name="Muu Oy", business_id=""))
    anna = add_client(desk, "Anna", "Mäkinen")
    jukka = add_client(desk, "Jukka", "Korhonen")
    day = TODAY
    for offset, status in ((30, "completed"), (0, "scheduled"), (90, "completed")):
        add_appointment(desk, day - dt.timedelta(days=offset), "10:00",
                        staff_id=desk.operator_id, employer_id=eid,
                        service_type="company_visit", channel="outreach", kind="company_visit",
                        status=status, title="Yrityskäynti")
    # Not a company visit, and another employer's visit: neither is listed.
    add_appointment(desk, day, "12:00", staff_id=desk.operator_id, employer_id=eid)
    add_appointment(desk, day, "13:00", staff_id=desk.operator_id, employer_id=other,
                    service_type="company_visit", kind="company_visit")
    old_job = add_job(desk, eid, "Sahuri", day - dt.timedelta(days=60), status="filled")
    new_job = add_job(desk, eid, "Trukinkuljettaja", day - dt.timedelta(days=5))
    other_job = add_job(desk, other, "Myyjä", day)
    add_match(desk, old_job, anna, day - dt.timedelta(days=50), status="hired")
    add_match(desk, new_job, jukka, day - dt.timedelta(days=2), status="interview")
    add_match(desk, other_job, anna, day)

    card = employers.load_employer_card(desk, eid)
    assert [v.on for v in card.visits] == [day, day - dt.timedelta(days=30),
                                           day - dt.timedelta(days=90)]
    assert card.visits[0].staff == "Sari Koskinen"
    assert [(j.title, j.status) for j in card.jobs] == [("Trukinkuljettaja", "open"),
                                                       ("Sahuri", "filled")]
    assert card.open_jobs == 1
    assert [(m.client_name, m.job_title, m.status) for m in card.matches] == [
        ("Korhonen Jukka", "Trukinkuljettaja", "interview"),
        ("Mäkinen Anna", "Sahuri", "hired")]
    assert (card.name, card.business_id, card.industry) == ("Pielaveden Saha Oy", VALID_ID, "C")
    audit = desk.store.query("SELECT action FROM audit_log WHERE record_id = ? ORDER BY seq",
                             (eid,))
    assert audit[-1]["action"] == "view_personal"


def test_card_of_an_unknown_or_removed_employer_is_none(signed_in):
    eid = employers.save_employer(signed_in, saha())
    records.soft_delete(signed_in.store, "employer", eid, signed_in.operator_id)
    assert employers.load_employer_card(signed_in, eid) is None
    assert employers.load_employer_card(signed_in, "nope") is None
