"""Snapshots of the employer registry, card and form at 80x24, in Finnish and English.

The data is small and fixed (tests/builders.py's day plus a few employers,
contacts, jobs and matches, dated from TODAY) on a database whose device is
named 'testikone', so the pictures only change when the UI does. Update with
`pytest --snapshot-update` (without -n: syrupy's updates are not safe under
xdist) and look at the SVGs before committing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from duunikulma_tui.services import employers
from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.store import open_store, records

from .builders import TODAY, add_appointment, add_client, small_day
from .snapshot_support import SIZE, build, keys_then_settle



def _job(desk, employer_id, title, days_ago, status="open", positions=1, closes_in=None):
    opened = TODAY - dt.timedelta(days=days_ago)
    return records.insert(desk.store, "job_opening", {
        "employer_id": employer_id, "title": title, "opened_on": opened.isoformat(),
        "status": status, "positions": positions,
        "closes_on": (TODAY + dt.timedelta(days=closes_in)).isoformat() if closes_in else None,
    }, desk.operator_id)


def _match(desk, job_id, client_id, days_ago, status, score):
    records.insert(desk.store, "match_proposal", {
        "job_id": job_id, "client_id": client_id, "status": status, "score": score,
        "proposed_on": (TODAY - dt.timedelta(days=days_ago)).isoformat()}, desk.operator_id)


@pytest.fixture
def registry_desk(tmp_path):
    """The fixed day plus six employers; the sawmill has contacts, visits, jobs and matches."""
    open_store(tmp_path / "snap.db", device_name="testikone").close()
    desk = open_desk(tmp_path / "snap.db", today=lambda: TODAY)
    ids = small_day(desk, TODAY)
    saha = desk.store.scalar("SELECT id FROM employer WHERE name = 'Pielaveden Saha Oy'")
    employers.save_employer(desk, {
        "business_id": "0737546-2", "name": "Pielaveden Saha Oy", "industry": "C",
        "kind": "company", "municipality": "Pielavesi", "street_address": "Sahatie 1",
        "postal_code": "72400", "phone": "017 123 4567", "email": "info@saha.example",
        "note": "Rekrytoi keväisin trukinkuljettajia ja sahureita."}, saha)
    employers.save_contact(desk, saha, {"name": "Pekka Laine", "role": "tuotantopäällikkö",
                                        "phone": "040 765 4321",
                                        "email": "pekka.laine@saha.example"})
    employers.save_contact(desk, saha, {"name": "Anu Räsänen", "role": "HR-asiantuntija",
                                        "phone": "040 111 2233"})
    for name, bid, municipality, industry, kind in (
            ("Kahvila Kuppi", "1234567-1", "Pielavesi", "I", "company"),
            ("Mäntylän Puutarha", "2345678-0", "Keitele", "A", "company"),
            ("Pielaveden kunta", "0112038-9", "Pielavesi", "O", "municipality"),
            ("Kotihoito Apila ry", "1917845-8", "Tervo", "Q", "association"),
            ("Rakennus Kallio Oy", "", "Kuopio", "F", "company")):
        eid = employers.save_employer(desk, {"business_id": bid, "name": name, "kind": kind,
                                             "municipality": municipality, "industry": industry})
        if name == "Kotihoito Apila ry":
            _job(desk, eid, "Lähihoitaja", 10)
    add_appointment(desk, TODAY - dt.timedelta(days=40), "09:30", staff_id=ids["jari"],
                    employer_id=saha, service_type="company_visit", channel="outreach",
                    kind="company_visit", status="completed",
                    title="Rekrytointitarpeiden kartoitus")
    truck = _job(desk, saha, "Trukinkuljettaja", 12, positions=2, closes_in=14)
    sawyer = _job(desk, saha, "Sahuri", 35, closes_in=5)
    _job(desk, saha, "Kesätyöntekijä", 200, status="filled", positions=3)
    jukka = add_client(desk, "Jukka", "Korhonen")
    timo = add_client(desk, "Timo", "Räsänen")
    _match(desk, truck, jukka, 3, "interview", 92)
    _match(desk, truck, timo, 3, "proposed", 85)
    _match(desk, sawyer, ids["matti"], 20, "hired", 71)
    yield desk
    desk.close()





@pytest.mark.parametrize("lang", ["fi", "en"])
def test_employers_list(snap_compare, registry_desk, lang):
    """F6: the search field, the employers with business ID, municipality, industry, open jobs."""
    assert snap_compare(build(registry_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f6"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_employers_list_search(snap_compare, registry_desk, lang):
    """Typing 'pielav' without the Finnish letters narrows the list to Pielavesi."""
    assert snap_compare(build(registry_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f6", *"pielav"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_employer_card(snap_compare, registry_desk, lang):
    """Enter on the sawmill: header line, Summary tab with details and contact people."""
    assert snap_compare(build(registry_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f6", *"saha", "enter"))


@pytest.mark.parametrize("tab", ["visits", "jobs", "matches"])
def test_employer_card_tabs(snap_compare, registry_desk, tab):
    """The card's other tabs (Finnish), reached with the right arrow."""
    steps = {"visits": 1, "jobs": 2, "matches": 3}[tab]
    assert snap_compare(build(registry_desk, "fi"), terminal_size=SIZE,
                        run_before=keys_then_settle("f6", *"saha", "enter",
                                                    *["right"] * steps))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_employer_form_with_a_wrong_check_digit(snap_compare, registry_desk, lang):
    """F9 and a business ID with a wrong check digit: the message stands under the field."""
    assert snap_compare(build(registry_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f6", "f9", *"0737546-3", "tab",
                                                    *"Väärä Oy", "ctrl+s"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_contact_form(snap_compare, registry_desk, lang):
    """`a` on the card: the small contact-person form over the card."""
    assert snap_compare(build(registry_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f6", *"saha", "enter", "a",
                                                    *"Liisa Nieminen", "tab", *"myynti"))
