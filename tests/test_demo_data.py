"""The demo-data generator: realistic, valid, repeatable, and written with its change log."""

from __future__ import annotations

import datetime as dt
import json

import holidays
import pytest
from stdnum.fi import hetu, ytunnus

from duunikulma_tui.domain import codes
from duunikulma_tui.services.demo import DemoSpec, DemoStats, generate
from duunikulma_tui.services.demo import clients as demo_clients
from duunikulma_tui.store import open_store
from duunikulma_tui.store.records import synced_tables

# A Wednesday that is no holiday, so the agenda lands on it.
TODAY = dt.date(2026, 3, 11)
SPEC = DemoSpec(today=TODAY)
# Synced tables the demo leaves empty on purpose.
LEFT_EMPTY = {
    "contact_rule_set": "rule sets ship with the appointments feature",
    "sync_conflict": "conflicts come from merging machines, not from the desk",
}
BOOKKEEPING = {"updated_at", "hlc", "origin_device"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The default demo, built once for the read-only checks of this module."""
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.db")
    stats = generate(store, SPEC)
    yield store, stats
    store.close()


def _count(store, sql, params=()):
    return store.scalar(sql, params)


def _business_rows(store, table):
    """A table's rows without the columns that record when they were written."""
    cur = store.conn.execute(f"SELECT * FROM {table} ORDER BY id")
    names = [d[0] for d in cur.description]
    keep = [i for i, name in enumerate(names) if name not in BOOKKEEPING]
    return [tuple(row[i] for i in keep) for row in cur]


# -- shape and proportions --------------------------------------------------

def test_every_synced_table_gets_rows(demo):
    """Each synced table has demo rows, except the ones left empty on purpose."""
    store, stats = demo
    wanted = set(synced_tables(store)) - set(LEFT_EMPTY)
    if not demo_clients.load_occupation_codes():
        wanted.discard("client_occupation")  # codes are never invented
    empty = sorted(t for t in wanted if not _count(store, f"SELECT COUNT(*) FROM {t}"))
    assert empty == []
    for table in LEFT_EMPTY:
        if table in synced_tables(store):
            assert _count(store, f"SELECT COUNT(*) FROM {table}") == 0
    assert isinstance(stats, DemoStats)
    assert stats.total_rows == sum(stats.rows.values()) > 5_000
    assert stats.seconds > 0


def test_counts_are_plausible(demo):
    """About 300 clients, about 100 of them active on today, and the org around them."""
    store, stats = demo
    assert _count(store, "SELECT COUNT(*) FROM client") == 300
    active = _count(store, "SELECT COUNT(DISTINCT client_id) FROM agreement_period "
                           "WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?)",
                    (TODAY.isoformat(), TODAY.isoformat()))
    assert 60 <= active <= 140
    assert _count(store, "SELECT COUNT(*) FROM client WHERE status = 'active'") == active
    assert 4 <= _count(store, "SELECT COUNT(*) FROM staff") <= 6
    assert _count(store, "SELECT COUNT(*) FROM employer") == 60
    assert _count(store, "SELECT COUNT(*) FROM job_opening") == 40
    assert 5 <= _count(store, "SELECT COUNT(*) FROM provider") <= 9
    assert 100 <= _count(store, "SELECT COUNT(*) FROM quick_contact") <= 200
    assert _count(store, "SELECT COUNT(*) FROM quick_contact "
                         "WHERE promoted_client_id IS NOT NULL") >= 1
    # Some clients came back for a second period.
    assert _count(store, "SELECT COUNT(*) FROM (SELECT client_id FROM agreement_period "
                         "GROUP BY client_id HAVING COUNT(*) > 1)") >= 3
    assert 1_500 <= stats.rows["appointment"] <= 6_000


def test_people_have_the_watched_mix(demo):
    """Gender about 45/55, young and 55+ well represented, mostly Finnish speakers."""
    store, _ = demo
    genders = dict(store.conn.execute("SELECT gender, COUNT(*) FROM client GROUP BY gender"))
    assert set(genders) <= set(codes.GENDER)
    assert 0.33 <= genders["woman"] / 300 <= 0.55
    assert genders.get("other", 0) + genders.get("not_told", 0) <= 20
    ages = [row[0] for row in store.conn.execute(
        "SELECT (julianday(p.start_date) - julianday(c.birth_date)) / 365.25 "
        "FROM client c JOIN agreement_period p ON p.client_id = c.id "
        "WHERE p.start_date = (SELECT MIN(start_date) FROM agreement_period "
        "WHERE client_id = c.id)")]
    assert all(17 <= age < 65 for age in ages)
    assert sum(age < 30 for age in ages) / len(ages) >= 0.25
    assert sum(age >= 55 for age in ages) / len(ages) >= 0.12
    finnish = _count(store, "SELECT COUNT(*) FROM client WHERE native_language = 'fi'")
    assert 0.8 <= finnish / 300 < 0.97
    municipalities = {r[0] for r in store.conn.execute("SELECT DISTINCT municipality FROM client")}
    assert "Pielavesi" in municipalities and municipalities <= {
        "Pielavesi", "Keitele", "Kiuruvesi", "Tervo", "Vesanto", "Iisalmi", "Kuopio", "Lapinlahti"}
    long_term = _count(store, "SELECT COUNT(*) FROM agreement_period "
                              "WHERE labour_status = 'long_term_unemployed' "
                              "AND julianday(start_date) - julianday(unemployed_since) >= 365")
    assert long_term / _count(store, "SELECT COUNT(*) FROM agreement_period") >= 0.25
    for phone, postal in store.conn.execute("SELECT phone, postal_code FROM client"):
        assert phone is None or (phone.startswith("+358") and phone[4:].isdigit())
        assert len(postal) == 5 and postal.isdigit()
    for (skills,) in store.conn.execute("SELECT skills FROM client"):
        assert all(isinstance(s, str) for s in json.loads(skills))


def test_exit_outcomes_follow_the_oulu_shares(demo):
    """~40 % into working life, ~35 % unemployed, few outside the labour force."""
    store, _ = demo
    outcomes = dict(store.conn.execute(
        "SELECT exit_outcome, COUNT(*) FROM agreement_period "
        "WHERE end_date IS NOT NULL GROUP BY exit_outcome"))
    exits = sum(outcomes.values())
    assert exits >= 100 and None not in outcomes
    working = sum(outcomes.get(k, 0) for k in ("employed_open_market", "self_employed",
                                               "pay_subsidised", "apprenticeship"))
    assert 0.28 <= working / exits <= 0.52
    still = outcomes.get("unemployed", 0) + outcomes.get("rehabilitative_work", 0)
    assert 0.22 <= still / exits <= 0.48
    assert outcomes.get("outside_labour_force", 0) / exits < 0.08
    # Every exit into work has its employment recorded; only those know the 3-month mark.
    assert _count(store, "SELECT COUNT(*) FROM employment_outcome") == working
    assert _count(store, "SELECT COUNT(*) FROM agreement_period WHERE employment_over_3_months "
                         "IS NOT NULL AND exit_outcome NOT IN ('employed_open_market', "
                         "'self_employed', 'pay_subsidised', 'apprenticeship')") == 0
    assert _count(store, "SELECT COUNT(*) FROM employment_outcome WHERE match_id IS NOT NULL") >= 5
    assert _count(store, "SELECT COUNT(*) FROM employment_outcome WHERE permanent = 1") >= 1


def test_purchased_services_match_the_project_figures(demo):
    """About 28 of 300 clients get purchased services, ~740 EUR realised each."""
    store, _ = demo
    clients, realised = store.conn.execute(
        "SELECT COUNT(DISTINCT client_id), SUM(COALESCE(realised_cost_cents, 0)) FROM referral "
        "WHERE kind = 'purchased_service'").fetchone()
    assert 12 <= clients <= 45
    assert 400_00 <= realised / clients <= 1_100_00
    assert _count(store, "SELECT COUNT(*) FROM referral WHERE kind = 'purchased_service' "
                         "AND provider_id IS NULL") == 0
    assert _count(store, "SELECT COUNT(DISTINCT kind) FROM referral") >= 7
    assert _count(store, "SELECT COUNT(*) FROM referral WHERE appointment_id IS NOT NULL") >= 1


def test_client_change_improves_modestly(demo):
    """Self-assessments rise a little on average between start and exit."""
    store, _ = demo
    start, end = store.conn.execute(
        "SELECT AVG(s.work_ability + s.job_search_skills + s.digital_skills + s.everyday_life "
        "+ s.confidence), AVG(e.work_ability + e.job_search_skills + e.digital_skills "
        "+ e.everyday_life + e.confidence) FROM self_assessment s JOIN self_assessment e "
        "ON e.period_id = s.period_id AND s.phase = 'start' AND e.phase = 'exit'").fetchone()
    assert 1 <= end - start <= 8
    ratings = dict(store.conn.execute("SELECT rating, COUNT(*) FROM survey_answer GROUP BY 1"))
    assert ratings.get(4, 0) + ratings.get(5, 0) > 2 * (ratings.get(1, 0) + ratings.get(2, 0)
                                                       + ratings.get(3, 0))
    assert _count(store, "SELECT COUNT(*) FROM survey_answer WHERE client_id IS NULL") > \
        _count(store, "SELECT COUNT(*) FROM survey_answer WHERE client_id IS NOT NULL")


# -- validity ---------------------------------------------------------------

def test_identity_codes_are_valid_and_agree_with_birth_dates(demo):
    """Every HETU passes stdnum and carries the birth date (and the sex, where told)."""
    store, _ = demo
    rows = store.conn.execute("SELECT identity_code, birth_date, birth_year, gender FROM client")
    missing = 0
    for code, birth, year, gender in rows:
        assert birth is not None and int(birth[:4]) == year
        if code is None:
            missing += 1
            continue
        assert hetu.is_valid(code), code
        assert hetu.validate(code) and birth == _hetu_birth(code).isoformat()
        if gender in ("man", "woman"):
            assert (int(code[7:10]) % 2 == 1) == (gender == "man")
    assert 1 <= missing <= 36  # about 5 % without a Finnish code


def _hetu_birth(code: str) -> dt.date:
    century = {"+": 1800, "-": 1900, "A": 2000}[code[6]]
    return dt.date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))


def test_business_ids_are_valid(demo):
    """Employers' and providers' Y-tunnus pass stdnum and are unique."""
    store, _ = demo
    ids = [r[0] for r in store.conn.execute(
        "SELECT business_id FROM employer UNION ALL SELECT business_id FROM provider")]
    assert ids and all(ytunnus.is_valid(b) for b in ids)
    assert len(set(ids)) == len(ids)
    industries = {r[0] for r in store.conn.execute("SELECT DISTINCT industry FROM employer")}
    assert industries <= set("ABCDEFGHIJKLMNOPQRSTU")
    kinds = {r[0] for r in store.conn.execute("SELECT DISTINCT kind FROM employer")}
    assert {"company", "association"} <= kinds <= set(codes.EMPLOYER_KIND)
    assert _count(store, "SELECT COUNT(*) FROM employer_contact") >= 60


def test_appointments_fall_on_working_days_in_office_hours(demo):
    """No weekends or Finnish public holidays; 8-16; 15-90 minutes; codes from codes.py."""
    store, _ = demo
    closed = holidays.Finland(years=range(2024, 2027))
    for on_date, start, minutes, channel, service, status, kind in store.conn.execute(
            "SELECT on_date, start_time, duration_min, channel, service_type, status, kind "
            "FROM appointment"):
        day = dt.date.fromisoformat(on_date)
        assert day.weekday() < 5 and day not in closed, on_date
        hour, minute = map(int, start.split(":"))
        assert 8 * 60 <= hour * 60 + minute and hour * 60 + minute + minutes <= 16 * 60
        assert 15 <= minutes <= 90
        assert channel in codes.CHANNEL and service in codes.SERVICE_TYPE
        assert status in codes.APPOINTMENT_STATUS and kind in codes.APPOINTMENT_KIND
    first, last = store.conn.execute(
        "SELECT MIN(on_date), MAX(on_date) FROM appointment").fetchone()
    assert first <= "2024-10-01" and "2026-03-25" <= last <= "2026-04-30"
    # Past appointments are settled; nothing in the future has happened yet.
    assert _count(store, "SELECT COUNT(*) FROM appointment WHERE on_date < ? AND status IN "
                         "('scheduled', 'arrived')", (TODAY.isoformat(),)) == 0
    assert _count(store, "SELECT COUNT(*) FROM appointment WHERE on_date > ? AND status NOT IN "
                         "('scheduled', 'cancelled_by_client')", (TODAY.isoformat(),)) == 0


def test_today_has_a_lively_agenda(demo):
    """6-12 appointments today across staff, some done, some arrived, some still to come."""
    store, _ = demo
    rows = store.query("SELECT staff_id, status, kind FROM appointment WHERE on_date = ?",
                       (TODAY.isoformat(),))
    assert 6 <= len(rows) <= 12
    assert len({r["staff_id"] for r in rows}) >= 2
    statuses = {r["status"] for r in rows}
    assert "scheduled" in statuses and statuses & {"completed", "arrived"}


def test_appointment_shapes(demo):
    """Visits name an employer, group events have participants, meetings a client."""
    store, _ = demo
    assert _count(store, "SELECT COUNT(*) FROM appointment WHERE kind = 'company_visit' "
                         "AND (employer_id IS NULL OR client_id IS NOT NULL)") == 0
    assert _count(store, "SELECT COUNT(*) FROM appointment WHERE kind = 'individual' "
                         "AND client_id IS NULL") == 0
    assert _count(store, "SELECT COUNT(*) FROM appointment WHERE kind = 'group'") >= 20
    assert _count(store, "SELECT COUNT(DISTINCT employer_id) FROM appointment") >= 30
    assert _count(store, "SELECT COUNT(*) FROM appointment_participant") >= 60
    assert _count(store, "SELECT COUNT(*) FROM appointment "
                         "WHERE follow_up_on IS NOT NULL AND next_step IS NOT NULL") >= 50
    # Every settled past appointment (walk-ins excepted) has its move from scheduled.
    assert _count(store, "SELECT COUNT(*) FROM appointment a WHERE a.on_date < ? "
                         "AND a.status NOT IN ('walk_in') AND NOT EXISTS (SELECT 1 FROM "
                         "appointment_status_change c WHERE c.appointment_id = a.id AND "
                         "c.from_status = 'scheduled')", (TODAY.isoformat(),)) == 0
    assert _count(store, "SELECT COUNT(*) FROM appointment_status_change c JOIN appointment a "
                         "ON a.id = c.appointment_id WHERE c.to_status = a.status") == \
        _count(store, "SELECT COUNT(*) FROM appointment WHERE status NOT IN "
                      "('scheduled', 'walk_in')")


def test_jobs_and_matching(demo):
    """Openings in all statuses with codes from codes.py; hires went through the chain."""
    store, _ = demo
    statuses = {r[0] for r in store.conn.execute("SELECT DISTINCT status FROM job_opening")}
    assert statuses == set(codes.JOB_STATUS)
    for cards, term, working in store.conn.execute(
            "SELECT required_cards, employment_kind, working_time FROM job_opening"):
        assert set(json.loads(cards)) <= set(codes.CARDS)
        assert term in codes.EMPLOYMENT_TERM and working in codes.WORKING_TIME
    assert _count(store, "SELECT COUNT(*) FROM job_opening WHERE employer_driven = 1") >= 5
    assert _count(store, "SELECT COUNT(*) FROM match_proposal m WHERE m.status = 'hired' AND "
                         "NOT EXISTS (SELECT 1 FROM match_status_change c WHERE c.match_id = m.id "
                         "AND c.to_status = 'hired')") == 0
    occupations = demo_clients.load_occupation_codes()
    job_codes = {r[0] for r in store.conn.execute(
        "SELECT occupation_code FROM job_opening WHERE occupation_code IS NOT NULL")}
    wanted = {r[0] for r in store.conn.execute("SELECT occupation_code FROM client_occupation")}
    assert (job_codes | wanted) <= set(occupations)


def test_cards_come_from_the_code_list(demo):
    """Client cards use codes.CARDS; some expire, some (hygiene passport) never do."""
    store, _ = demo
    cards = {r[0] for r in store.conn.execute("SELECT DISTINCT card FROM client_card")}
    assert cards and cards <= set(codes.CARDS)
    assert _count(store, "SELECT COUNT(*) FROM client_card WHERE expires_on IS NOT NULL") > 0


def test_every_row_has_its_change_log_line_and_a_staff_author(demo):
    """change_log holds one insert per row of each table; updated_by is always staff."""
    store, stats = demo
    staff = {r[0] for r in store.conn.execute("SELECT id FROM staff")}
    for table, count in stats.rows.items():
        assert _count(store, f"SELECT COUNT(*) FROM {table}") == count
        assert _count(store, "SELECT COUNT(*) FROM change_log WHERE table_name = ? "
                             "AND op = 'insert'", (table,)) == count
        authors = {r[0] for r in store.conn.execute(f"SELECT DISTINCT updated_by FROM {table}")}
        assert authors <= staff, table


def test_foreign_keys_hold(demo):
    """PRAGMA foreign_key_check finds nothing."""
    store, _ = demo
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


# -- repeatability, sizes, options -----------------------------------------------

def test_same_seed_and_today_give_identical_data(demo, tmp_path):
    """Business content, ids included, is identical; another seed differs."""
    store, _ = demo
    again = open_store(tmp_path / "again.db")
    other = open_store(tmp_path / "other.db")
    try:
        generate(again, SPEC)
        generate(other, DemoSpec(seed=7, clients=40, months=6, today=TODAY))
        for table in synced_tables(store):
            if table == "device":
                continue
            assert _business_rows(store, table) == _business_rows(again, table), table
        names = lambda s: [r[0] for r in s.conn.execute(  # noqa: E731
            "SELECT last_name FROM client ORDER BY id LIMIT 20")]
        assert names(store) != names(other)
    finally:
        again.close()
        other.close()


def test_exact_appointment_count_at_scale_style(tmp_path):
    """A scale-style run writes exactly the appointments asked for."""
    store = open_store(tmp_path / "scale.db")
    try:
        stats = generate(store, DemoSpec(clients=2000, appointments=20_000, today=TODAY))
        assert _count(store, "SELECT COUNT(*) FROM appointment") == 20_000
        assert stats.rows["appointment"] == 20_000
        assert _count(store, "SELECT COUNT(*) FROM client") == 2000
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        dupes = _count(store, "SELECT COUNT(*) FROM (SELECT identity_code FROM client "
                              "WHERE identity_code IS NOT NULL GROUP BY 1 HAVING COUNT(*) > 1)")
        assert dupes == 0
    finally:
        store.close()


@pytest.mark.parametrize("count", [0, 5])
def test_tiny_exact_appointment_counts(tmp_path, count):
    """Even very small counts are met exactly."""
    store = open_store(tmp_path / "tiny.db")
    try:
        generate(store, DemoSpec(clients=30, employers=5, jobs=3, months=3, appointments=count,
                                 today=TODAY))
        assert _count(store, "SELECT COUNT(*) FROM appointment") == count
    finally:
        store.close()


def test_weekend_today_puts_the_agenda_on_monday(tmp_path):
    """With today on a Saturday no appointment falls on it; Monday carries the agenda."""
    saturday = dt.date(2026, 3, 14)
    store = open_store(tmp_path / "weekend.db")
    try:
        generate(store, DemoSpec(clients=60, employers=10, jobs=5, months=4, today=saturday))
        assert _count(store, "SELECT COUNT(*) FROM appointment WHERE on_date = ?",
                      (saturday.isoformat(),)) == 0
        monday = store.query("SELECT status FROM appointment WHERE on_date = '2026-03-16'")
        assert len(monday) >= 6 and {r["status"] for r in monday} <= {"scheduled"}
    finally:
        store.close()


def test_without_the_classification_no_occupations_are_invented(tmp_path, monkeypatch):
    """With no occupations file, client_occupation stays empty and jobs carry no code."""
    monkeypatch.setattr(demo_clients, "OCCUPATIONS_FILE", tmp_path / "missing.csv")
    store = open_store(tmp_path / "noocc.db")
    try:
        generate(store, DemoSpec(clients=40, employers=8, jobs=6, months=3, today=TODAY))
        assert _count(store, "SELECT COUNT(*) FROM client_occupation") == 0
        assert _count(store, "SELECT COUNT(*) FROM job_opening "
                             "WHERE occupation_code IS NOT NULL") == 0
    finally:
        store.close()


def test_occupations_come_from_the_file(tmp_path, monkeypatch):
    """Only level-4 codes of the file are used; comment lines are skipped."""
    table = tmp_path / "occupations.csv"
    table.write_text("# comment, with a comma\ncode,level,name_fi,name_en\n5,1,Palvelu,Service\n"
                     "5223,4,Myyjät,Shop sales assistants\n9112,4,\"Siivoojat, ym.\",Cleaners\n",
                     encoding="utf-8")
    assert demo_clients.load_occupation_codes(table) == ["5223", "9112"]
    monkeypatch.setattr(demo_clients, "OCCUPATIONS_FILE", table)
    store = open_store(tmp_path / "occ.db")
    try:
        generate(store, DemoSpec(clients=60, employers=10, jobs=10, months=3, today=TODAY))
        used = {r[0] for r in store.conn.execute("SELECT occupation_code FROM client_occupation")}
        assert used and used <= {"5223", "9112"}
    finally:
        store.close()


def test_progress_is_reported_per_table(tmp_path):
    """progress(table, rows so far) is called for each table, counts growing."""
    calls: list[tuple[str, int]] = []
    store = open_store(tmp_path / "progress.db")
    try:
        stats = generate(store, DemoSpec(clients=30, employers=5, jobs=3, months=3, today=TODAY),
                         progress=lambda label, count: calls.append((label, count)))
    finally:
        store.close()
    last: dict[str, int] = {}
    for label, count in calls:
        assert count > last.get(label, 0)
        last[label] = count
    assert last == stats.rows


def test_refuses_a_database_with_data_and_bad_specs(tmp_path):
    """Demo data goes into a fresh file only; nonsense specs are refused."""
    store = open_store(tmp_path / "twice.db")
    try:
        generate(store, DemoSpec(clients=10, employers=3, jobs=2, months=2, today=TODAY))
        with pytest.raises(ValueError):
            generate(store, DemoSpec(clients=10, today=TODAY))
        with pytest.raises(ValueError):
            generate(store, DemoSpec(months=0, today=TODAY))
        with pytest.raises(ValueError):
            generate(store, DemoSpec(appointments=-1, today=TODAY))
    finally:
        store.close()
