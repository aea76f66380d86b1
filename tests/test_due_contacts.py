"""Due statutory contacts from a real database file: who is listed, in what order, rule sets."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from duunikulma_tui.domain.contact_rules import RuleBook, RuleSetError, next_statutory_contact
from duunikulma_tui.services import due_contacts as dc
from duunikulma_tui.store import records

from .builders import TODAY, add_appointment, add_client, add_staff

D = dt.date


def client(desk, first, *, start, staff_id=None, status="active", period_end=None,
           outside=0, period_start=None, job_search=True):
    """A client with one agreement period whose job search began on `start`."""
    cid = add_client(desk, first, "Testinen", status=status, outside_service_model=outside,
                     responsible_staff_id=staff_id)
    records.insert(desk.store, "agreement_period", {
        "client_id": cid, "start_date": (period_start or start).isoformat(),
        "end_date": period_end.isoformat() if period_end else None,
        "labour_status": "unemployed",
        "job_search_start": start.isoformat() if job_search else None}, None)
    return cid


def meet(desk, cid, day, staff_id, status="completed", statutory=None, kind="individual"):
    aid = add_appointment(desk, day, "10:00", staff_id=staff_id, client_id=cid, status=status,
                          kind=kind)
    if statutory:
        records.update(desk.store, "appointment", aid, {"statutory_contact": statutory}, None)
    return aid


@pytest.fixture
def sari(desk):
    dc.install_shipped_rule_sets(desk)
    return add_staff(desk, "Sari", "Koskinen")


# -- rule sets as data -------------------------------------------------------------------

def test_shipped_rule_sets_are_installed_once(desk):
    assert dc.install_shipped_rule_sets(desk) == 2
    assert dc.install_shipped_rule_sets(desk) == 0
    rows = desk.store.query("SELECT name, effective_from, rules FROM contact_rule_set "
                            "ORDER BY effective_from")
    assert [r["effective_from"] for r in rows] == ["2022-05-02", "2026-01-01"]
    assert "HE 108/2025" in json.loads(rows[1]["rules"])["source"]
    book, problems = dc.load_rule_sets(desk)
    assert problems == [] and [rs.effective_from for rs in book.rule_sets] == [
        D(2022, 5, 2), D(2026, 1, 1)]


def test_shipped_rule_sets_apply_even_before_installing(desk):
    assert len(dc.rule_sets(desk).rule_sets) == 2


def test_a_coordinator_edits_and_adds_rule_sets_without_code(desk, sari):
    row = desk.store.query("SELECT id, rules FROM contact_rule_set "
                           "WHERE effective_from = '2026-01-01'")[0]
    edited = json.loads(row["rules"])
    edited["intensified_period"]["enabled"] = False
    dc.save_rule_set(desk, json.dumps(edited), row["id"])
    assert dc.rule_sets(desk).in_force(TODAY).intensified_period.enabled is False
    new = dict(edited, name="Kokeilu 2027", effective_from="2027-01-01",
               initial_interview={"within_working_days": 15})
    dc.save_rule_set(desk, json.dumps(new))
    book = dc.rule_sets(desk)
    assert book.in_force(D(2027, 2, 1)).initial_interview.within_working_days == 15
    # An install after the edit leaves the edited row alone.
    assert dc.install_shipped_rule_sets(desk) == 0
    assert dc.rule_sets(desk).in_force(TODAY).intensified_period.enabled is False


def test_an_invalid_rule_set_is_refused_and_nothing_saved(desk, sari):
    before = desk.store.scalar("SELECT COUNT(*) FROM contact_rule_set")
    with pytest.raises(RuleSetError) as err:
        dc.save_rule_set(desk, '{"name": "x", "effective_from": "2027-02-30"}')
    assert any(p.startswith("effective_from") for p in err.value.problems)
    assert desk.store.scalar("SELECT COUNT(*) FROM contact_rule_set") == before


def test_a_broken_row_is_reported_and_left_out(desk, sari):
    records.insert(desk.store, "contact_rule_set", {
        "name": "rikki", "effective_from": "2026-06-01", "rules": "{oops"}, None)
    book, problems = dc.load_rule_sets(desk)
    assert [p.name for p in problems] == ["rikki"]
    assert book.in_force(D(2026, 7, 1)).effective_from == D(2026, 1, 1)


# -- who is listed -----------------------------------------------------------------------

def test_due_and_overdue_clients_most_overdue_first(desk, sari):
    # TODAY is Mon 23 Nov 2026; 2026 rules: initial interview within 10 working days.
    # Started Mon 9 Nov: 10, 11, 12, 13, 16, 17, 18, 19, 20, 23 -> due today.
    aino = client(desk, "Aino", start=D(2026, 11, 9))
    # Started Mon 2 Nov: due Mon 16 Nov -> 7 days late today.
    bertta = client(desk, "Bertta", start=D(2026, 11, 2))
    # Only a missed and a cancelled meeting: still 7 days late.
    missed = client(desk, "Cecilia", start=D(2026, 11, 2))
    meet(desk, missed, D(2026, 11, 5), sari, status="missed")
    meet(desk, missed, D(2026, 11, 6), sari, status="cancelled_by_client")
    # Listed nowhere:
    client(desk, "Outi", start=D(2026, 11, 2), outside=1)              # outside the model
    client(desk, "Eero", start=D(2026, 11, 2), status="exited",        # exited
           period_end=D(2026, 11, 20))
    client(desk, "Elias", start=D(2026, 11, 2), status="exited")       # exited, period open
    client(desk, "Kaarina", start=D(2026, 11, 2), period_end=D(2026, 11, 20))  # period closed
    client(desk, "Tuleva", start=D(2026, 11, 2), period_start=D(2026, 12, 1))  # not begun
    client(desk, "Nelli", start=D(2026, 11, 2), job_search=False)      # no job search
    held = client(desk, "Heikki", start=D(2026, 11, 2))                # interviewed
    meet(desk, held, D(2026, 11, 5), sari, statutory="initial_interview")
    walk_in = client(desk, "Ville", start=D(2026, 11, 2))
    meet(desk, walk_in, D(2026, 11, 10), sari, status="walk_in")
    arrived = client(desk, "Anna", start=D(2026, 11, 2))               # at the desk now
    meet(desk, arrived, TODAY, sari, status="arrived")
    items = dc.due_contacts(desk, TODAY)
    assert [(i.client_id, i.contact.kind, i.contact.status, i.contact.days_late)
            for i in items] == [
        (bertta, "initial_interview", "overdue", 7),
        (missed, "initial_interview", "overdue", 7),
        (aino, "initial_interview", "due", 0)]
    assert items[0].name == "Testinen Bertta"
    assert items[0].job_search_start == D(2026, 11, 2)


def test_outside_the_model_never_listed_however_late(desk, sari):
    client(desk, "Outi", start=D(2023, 1, 9), outside=1)
    assert dc.due_contacts(desk, TODAY) == []


def test_staff_filter_and_upcoming_option(desk, sari):
    jari = add_staff(desk, "Jari", "Lehtonen")
    mine = client(desk, "Oma", start=D(2026, 11, 2), staff_id=sari)
    client(desk, "Muu", start=D(2026, 11, 2), staff_id=jari)
    assert [i.client_id for i in dc.due_contacts(desk, TODAY, sari)] == [mine]
    # Last met Fri 4 Sep 2026: due Fri 4 Dec, opens 5 working days before (Fri 27 Nov).
    soon = client(desk, "Pian", start=D(2026, 3, 2), staff_id=sari)
    meet(desk, soon, D(2026, 3, 5), sari)
    meet(desk, soon, D(2026, 9, 4), sari, statutory="intensified")
    assert soon not in [i.client_id for i in dc.due_contacts(desk, TODAY, sari)]
    listed = dc.due_contacts(desk, TODAY, sari, upcoming_within_days=14)
    item = next(i for i in listed if i.client_id == soon)
    assert (item.contact.kind, item.contact.status, item.contact.due_date) == (
        "job_search_discussion", "upcoming", D(2026, 12, 4))
    assert soon not in [i.client_id for i in dc.due_contacts(desk, TODAY, sari,
                                                              upcoming_within_days=7)]


def test_unmarked_meetings_count_unless_told_otherwise(desk, sari):
    cid = client(desk, "Mikko", start=D(2026, 11, 2))
    meet(desk, cid, D(2026, 11, 5), sari)
    assert dc.due_contacts(desk, TODAY) == []
    strict = dc.due_contacts(desk, TODAY, count_unmarked=False)
    assert [(i.client_id, i.contact.kind) for i in strict] == [(cid, "initial_interview")]


def test_group_events_count_only_when_marked(desk, sari):
    cid = client(desk, "Ryhmä", start=D(2026, 11, 2))
    meet(desk, cid, D(2026, 11, 5), sari, kind="group")
    assert [i.client_id for i in dc.due_contacts(desk, TODAY)] == [cid]
    meet(desk, cid, D(2026, 11, 6), sari, kind="group", statutory="initial_interview")
    assert dc.due_contacts(desk, TODAY) == []


def test_intensified_period_needs_a_marked_contact(desk, sari):
    # Began Mon 18 May 2026: six months on Wed 18 Nov; met regularly, unmarked.
    cid = client(desk, "Tehostus", start=D(2026, 5, 18))
    for day in (D(2026, 5, 20), D(2026, 8, 12), D(2026, 11, 10)):
        meet(desk, cid, day, sari)
    item, = dc.due_contacts(desk, TODAY)
    assert (item.contact.kind, item.contact.due_date, item.contact.days_late) == (
        "intensified", D(2026, 11, 18), 5)
    meet(desk, cid, D(2026, 11, 19), sari, statutory="intensified")
    assert dc.due_contacts(desk, TODAY) == []


# -- the fast path gives exactly what the rules give ------------------------------------

def _brute_force(desk, book, today, horizon_days, staff_id=None):
    """Every client through the domain function with its whole history."""
    rows = desk.store.query(
        "SELECT c.id, c.responsible_staff_id AS staff, p.job_search_start AS start "
        "FROM client c JOIN agreement_period p ON p.client_id = c.id "
        "WHERE c.deleted = 0 AND c.status = 'active' AND c.outside_service_model = 0 "
        "AND p.deleted = 0 AND p.job_search_start IS NOT NULL AND p.start_date <= ? "
        "AND (p.end_date IS NULL OR p.end_date >= ?)", (today.isoformat(), today.isoformat()))
    horizon = today + dt.timedelta(days=horizon_days) if horizon_days else None
    out = {}
    for r in rows:
        if staff_id and r["staff"] != staff_id:
            continue
        held = [(D.fromisoformat(a["on_date"]),
                 a["statutory_contact"] if a["statutory_contact"] in dc._KINDS else None)
                for a in desk.store.query(
                    "SELECT on_date, statutory_contact FROM appointment WHERE client_id = ? "
                    "AND deleted = 0 AND status IN ('completed', 'walk_in', 'arrived') "
                    "AND (kind = 'individual' OR statutory_contact IS NOT NULL)", (r["id"],))]
        c = next_statutory_contact(D.fromisoformat(r["start"]), held, book, today)
        if c and (c.status != "upcoming" or (horizon and c.due_date <= horizon)):
            out[r["id"]] = c
    return out


def _meeting(cid, day, staff_id, kind="individual", status="completed", statutory=None):
    return {"kind": kind, "on_date": day.isoformat(), "start_time": "09:00", "duration_min": 30,
            "staff_id": staff_id, "client_id": cid, "channel": "desk",
            "service_type": "service_guidance", "status": status,
            "statutory_contact": statutory}


def test_the_quick_query_lists_exactly_what_the_rules_say(desk, sari):
    """Random histories: the service's pre-filtered query against every client in full."""
    rng = random.Random(4)
    staff = [sari, add_staff(desk, "Jari", "Lehtonen")]
    clients, periods, meetings = [], [], []
    for n in range(260):
        cid = f"client{n:04d}"
        start = D(2024, 6, 1) + dt.timedelta(days=rng.randint(0, 1000))
        clients.append({"id": cid, "first_name": f"N{n}", "last_name": "Satunnainen",
                        "status": "active", "responsible_staff_id": rng.choice(staff),
                        "outside_service_model": int(rng.random() < 0.05)})
        periods.append({"client_id": cid, "start_date": start.isoformat(), "end_date": None,
                        "labour_status": "unemployed", "job_search_start": start.isoformat()})
        day = start + dt.timedelta(days=rng.randint(0, 12))
        while rng.random() < 0.93:
            meetings.append(_meeting(cid, day, sari,
                                     kind="individual" if rng.random() < 0.9 else "group",
                                     status=rng.choice(["completed"] * 6 + [
                                         "walk_in", "missed", "cancelled_by_staff"]),
                                     statutory=rng.choice([None] * 4 + ["intensified",
                                                                        "supplementary"])))
            day += dt.timedelta(days=rng.choice([7, 14, 15, 30, 60, 85, 95, 120]))
        if rng.random() < 0.5:   # a marked intensified contact around the six-month mark
            meetings.append(_meeting(cid, start + dt.timedelta(days=rng.randint(170, 190)), sari,
                                     statutory="intensified"))
    records.bulk_insert(desk.store, "client", clients)
    records.bulk_insert(desk.store, "agreement_period", periods)
    records.bulk_insert(desk.store, "appointment", meetings)
    book = dc.rule_sets(desk)
    for today in (TODAY, D(2025, 12, 20), D(2026, 1, 8), D(2026, 6, 30), D(2027, 3, 1)):
        for horizon in (None, 10, 40):
            want = _brute_force(desk, book, today, horizon)
            got = {i.client_id: i.contact
                   for i in dc.due_contacts(desk, today, upcoming_within_days=horizon)}
            assert got == want, (today, horizon)
    want = _brute_force(desk, book, TODAY, None, staff[1])
    assert {i.client_id: i.contact for i in dc.due_contacts(desk, TODAY, staff[1])} == want
    # Edited rules move every limit: a 2022-only book (supplementary phases in 2026) and
    # a made-up rule set with other figures from July 2026.
    r2022, r2026 = book.rule_sets
    odd = r2026.model_copy(update={
        "name": "odd", "effective_from": D(2026, 7, 1),
        "supplementary_discussions": r2022.supplementary_discussions.model_copy(
            update={"every_weeks": 3, "during_first_months": 4, "count": 3}),
        "job_search_discussion": r2026.job_search_discussion.model_copy(
            update={"every_months": 2}),
        "intensified_period": r2026.intensified_period.model_copy(
            update={"after_months": 4, "length_months": 2})})
    for other in (RuleBook([r2022]), RuleBook([r2022, r2026, odd])):
        for today in (TODAY, D(2026, 8, 15)):
            want = _brute_force(desk, other, today, None)
            got = {i.client_id: i.contact for i in dc.due_contacts(desk, today, book=other)}
            assert got == want, (today, [rs.name for rs in other.rule_sets])
