"""The week view and group events, through the services (real SQLite in tmp_path)."""

from __future__ import annotations

import datetime as dt

import pytest

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.services import appointments, group_events, week
from duunikulma_tui.store import records

from .builders import TODAY, add_appointment, add_client, small_day

DAY = dt.timedelta(days=1)


def _group(desk, staff_id: str, day: dt.date = TODAY, title: str = "Digipaja") -> str:
    return add_appointment(desk, day, "13:00", staff_id=staff_id, kind="group", title=title,
                           service_type="digital_workshop", duration=120)


# -- week() -------------------------------------------------------------------------
def test_monday_of_and_the_week_number():
    assert week.monday_of(TODAY) == TODAY
    assert week.monday_of(TODAY + 6 * DAY) == TODAY  # Sunday belongs to the same ISO week
    assert week.monday_of(TODAY + 7 * DAY) == TODAY + 7 * DAY
    assert week.week_number(TODAY) == 48
    assert week.week_number(dt.date(2026, 12, 28)) == 53  # 2026 has an ISO week 53


def test_a_staff_members_week_in_order_of_day_and_time(desk):
    ids = small_day(desk, TODAY)
    add_appointment(desk, TODAY + 2 * DAY, "08:30", staff_id=ids["sari"], client_id=ids["matti"])
    add_appointment(desk, TODAY + DAY, "15:00", staff_id=ids["sari"], client_id=ids["matti"])
    add_appointment(desk, TODAY + DAY, "08:00", staff_id=ids["sari"], client_id=ids["matti"])
    items = week.week(desk, ids["sari"], TODAY)
    assert [(i.on_date, i.start.strftime("%H:%M")) for i in items] == [
        (TODAY, "09:00"), (TODAY, "10:00"), (TODAY, "14:00"),
        (TODAY + DAY, "08:00"), (TODAY + DAY, "15:00"), (TODAY + 2 * DAY, "08:30")]
    first = items[0]
    assert (first.who, first.short, first.client_id, first.status, first.staff_name) == (
        "Virtanen Matti", "Virtanen M.", ids["matti"], "arrived", "Sari K.")
    assert first.participants is None and first.kind == "individual"


def test_everyones_week_names_employers_and_counts_group_participants(desk):
    ids = small_day(desk, TODAY)
    items = week.week(desk, None, TODAY)
    assert [i.start.strftime("%H:%M") for i in items] == ["09:00", "10:00", "11:30", "13:00",
                                                          "14:00"]
    visit, group = items[2], items[3]
    assert (visit.who, visit.short, visit.kind, visit.staff_name) == (
        "Pielaveden Saha Oy", "Pielaveden Saha Oy", "company_visit", "Jari L.")
    assert visit.employer_id is not None
    assert (group.who, group.kind, group.participants) == ("Digipaja", "group", 0)
    group_events.add_participant(desk, group.id, client_id=ids["matti"])
    group_events.add_participant(desk, group.id, name="Aino Laine")
    assert week.week(desk, None, TODAY)[3].participants == 2
    assert len(week.week(desk, ids["jari"], TODAY)) == 2


def test_the_week_has_bounds_and_leaves_out_deleted_ones(desk):
    ids = small_day(desk, TODAY)
    sari, matti = ids["sari"], ids["matti"]
    before = add_appointment(desk, TODAY - DAY, "10:00", staff_id=sari, client_id=matti)
    sunday = add_appointment(desk, TODAY + 6 * DAY, "10:00", staff_id=sari, client_id=matti)
    after = add_appointment(desk, TODAY + 7 * DAY, "10:00", staff_id=sari, client_id=matti)
    gone = add_appointment(desk, TODAY + DAY, "10:00", staff_id=sari, client_id=matti)
    records.soft_delete(desk.store, "appointment", gone, sari)
    shown = {i.id for i in week.week(desk, sari, TODAY)}
    assert sunday in shown and not shown & {before, after, gone}
    assert sunday not in {i.id for i in week.week(desk, sari, TODAY, days=5)}
    assert before in {i.id for i in week.week(desk, sari, TODAY - 7 * DAY)}


def test_week_view_keeps_at_most_per_day_and_names_the_days_cut_short(desk):
    ids = small_day(desk, TODAY)
    add_appointment(desk, TODAY + DAY, "08:00", staff_id=ids["jari"], client_id=ids["matti"])
    view = week.week_view(desk, None, TODAY, per_day=3)
    assert view.cut_days == frozenset({TODAY})
    assert [i.start.strftime("%H:%M") for i in view.on(TODAY)] == ["09:00", "10:00", "11:30"]
    assert len(view.on(TODAY + DAY)) == 1
    mine = week.week_view(desk, ids["sari"], TODAY, per_day=3)
    assert mine.cut_days == frozenset() and len(mine.items) == 3
    # Same items, same order as week() when nothing is cut.
    assert [i.id for i in week.week_view(desk, None, TODAY).items] == [
        i.id for i in week.week(desk, None, TODAY)]


def _plans(desk, run) -> list[str]:
    """The query plans of the statements `run` executes (traced with their values)."""
    seen: list[str] = []
    desk.store.conn.set_trace_callback(seen.append)
    try:
        run()
    finally:
        desk.store.conn.set_trace_callback(None)
    return [" / ".join(r["detail"] for r in desk.store.query(f"EXPLAIN QUERY PLAN {sql}"))
            for sql in seen if sql.lstrip().upper().startswith("SELECT")]


def test_the_week_reads_the_staff_or_the_day_index(desk):
    """Quick at a million appointments: one staff member's week searches
    appointment_staff (staff_id, on_date), everyone's appointment_day (on_date, ...)."""
    ids = small_day(desk, TODAY)
    for run in (lambda: week.week(desk, ids["sari"], TODAY),
                lambda: week.week_view(desk, ids["sari"], TODAY)):
        plans = _plans(desk, run)
        assert plans and all("SEARCH a USING INDEX appointment_staff" in p for p in plans), plans
    for run in (lambda: week.week(desk, None, TODAY), lambda: week.week_view(desk, None, TODAY)):
        plans = _plans(desk, run)
        assert plans and all("SEARCH a USING INDEX appointment_day" in p for p in plans), plans


# -- group events -------------------------------------------------------------------------
def test_participants_clients_and_named_people_by_name(desk):
    ids = small_day(desk, TODAY)
    event = _group(desk, ids["jari"], TODAY + DAY)
    liisa = add_client(desk, "Liisa", "Aalto")
    group_events.add_participant(desk, event, client_id=ids["matti"])
    group_events.add_participant(desk, event, name="  Bertta   Nieminen ")
    group_events.add_participant(desk, event, client_id=liisa)
    people = group_events.participants(desk, event)
    assert [(p.name, p.client_id is not None, p.attendance) for p in people] == [
        ("Aalto Liisa", True, "registered"), ("Bertta Nieminen", False, "registered"),
        ("Virtanen Matti", True, "registered")]
    assert desk.store.scalar("SELECT COUNT(*) FROM audit_log WHERE table_name = "
                             "'appointment_participant'") == 3


def test_a_client_registers_once_and_a_name_is_required(desk):
    ids = small_day(desk, TODAY)
    event = _group(desk, ids["jari"])
    group_events.add_participant(desk, event, client_id=ids["matti"])
    with pytest.raises(FormErrors) as err:
        group_events.add_participant(desk, event, client_id=ids["matti"])
    assert err.value.errors[0].code == "already_registered"
    with pytest.raises(FieldError):
        group_events.add_participant(desk, event, name="   ")
    assert len(group_events.participants(desk, event)) == 1


def test_only_a_group_event_takes_participants(desk):
    ids = small_day(desk, TODAY)
    individual = week.week(desk, ids["sari"], TODAY)[0].id
    with pytest.raises(FormErrors) as err:
        group_events.add_participant(desk, individual, name="Aino Laine")
    assert err.value.errors[0].code == "not_a_group_event"


def test_attendance_is_set_and_toggled_in_a_cycle(desk):
    ids = small_day(desk, TODAY)
    event = _group(desk, ids["jari"])
    pid = group_events.add_participant(desk, event, client_id=ids["matti"])
    assert [group_events.toggle_attendance(desk, pid) for _ in range(3)] == [
        "attended", "absent", "registered"]
    group_events.set_attendance(desk, pid, "absent")
    assert group_events.participants(desk, event)[0].attendance == "absent"
    with pytest.raises(FormErrors):
        group_events.set_attendance(desk, pid, "late")
    with pytest.raises(KeyError):
        group_events.toggle_attendance(desk, "no-such-participant")
    assert group_events.next_attendance("registered") == "attended"
    # Every step went through the store's write path: versioned and attributed.
    row = records.get(desk.store, "appointment_participant", pid)
    assert row["version"] == 5 and row["updated_by"] == desk.operator_id


def test_group_event_details(desk):
    ids = small_day(desk, TODAY)
    event = _group(desk, ids["jari"])
    found = group_events.group_event(desk, event)
    assert found is not None
    assert (found.title, found.on_date, found.start, found.duration_min, found.staff_name,
            found.series_dates) == ("Digipaja", TODAY, dt.time(13, 0), 120, "Jari L.", ())
    individual = week.week(desk, ids["sari"], TODAY)[0].id
    assert group_events.group_event(desk, individual) is None
    assert group_events.group_event(desk, "missing") is None


# -- weekly series --------------------------------------------------------------------------
def _workshop(until: dt.date | None, **extra) -> dict[str, str]:
    return {"kind": "group", "title": "Digipaja", "on_date": TODAY.isoformat(),
            "start_time": "13:00", "duration_min": "90", "channel": "desk",
            "service_type": "digital_workshop", **extra}


def test_a_weekly_group_event_repeats_until_its_end_date(desk):
    ids = small_day(desk, TODAY)
    until = dt.date(2026, 12, 18)  # a Friday: the last Monday before it is 14.12.
    made = appointments.book(desk, _workshop(until), confirm=True, repeat_until=until)
    rows = desk.store.query(
        "SELECT on_date, series_id, kind, staff_id FROM appointment WHERE id IN "
        f"({','.join('?' * len(made))}) ORDER BY on_date", tuple(made))
    assert [r["on_date"] for r in rows] == ["2026-11-23", "2026-11-30", "2026-12-07",
                                            "2026-12-14"]
    assert len({r["series_id"] for r in rows}) == 1 and rows[0]["series_id"]
    assert {r["kind"] for r in rows} == {"group"} and {r["staff_id"] for r in rows} == {ids["sari"]}
    # The series shows week by week, and each event knows its place in it.
    assert [i.who for i in week.week(desk, ids["sari"], TODAY + 14 * DAY)] == ["Digipaja"]
    third = group_events.group_event(desk, made[2])
    assert third is not None and len(third.series_dates) == 4
    assert third.series_dates.index(third.on_date) == 2
    assert third.series_dates[-1] == until - 4 * DAY
    # Participants belong to one event of the series, not to all of them.
    group_events.add_participant(desk, made[0], client_id=ids["matti"])
    assert group_events.participants(desk, made[1]) == []


def test_a_repeat_ending_on_the_start_day_is_one_event_without_a_series(desk):
    small_day(desk, TODAY)
    made = appointments.book(desk, _workshop(TODAY), confirm=True, repeat_until=TODAY)
    assert len(made) == 1
    assert desk.store.scalar("SELECT series_id FROM appointment WHERE id = ?", (made[0],)) is None


def test_a_repeat_end_before_the_start_is_refused_and_nothing_is_saved(desk):
    small_day(desk, TODAY)
    before = desk.store.scalar("SELECT COUNT(*) FROM appointment")
    with pytest.raises(FormErrors) as err:
        appointments.book(desk, _workshop(None), confirm=True, repeat_until=TODAY - DAY)
    assert err.value.errors[0].field == "repeat_until"
    with pytest.raises(FormErrors) as err:
        appointments.book(desk, _workshop(None), confirm=True,
                          repeat_until=TODAY + dt.timedelta(weeks=70))
    assert err.value.errors[0].code == "too_many_repeats"
    assert desk.store.scalar("SELECT COUNT(*) FROM appointment") == before
