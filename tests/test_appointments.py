"""Booking, statuses with history and same-day undo, walk-ins, referrals, stale leftovers."""

from __future__ import annotations

import datetime as dt

import pytest

from duunikulma_tui.domain.errors import FormErrors
from duunikulma_tui.services import appointments, follow_ups, intake, referrals

from .builders import TODAY, add_appointment, add_client, add_staff
from .test_intake import full_intake


@pytest.fixture
def ready(desk):
    desk.operator_id = add_staff(desk)
    desk.client = add_client(desk, "Matti", "Virtanen")
    return desk


def booking(desk, **over) -> dict[str, str]:
    values = {"client_id": desk.client, "on_date": "24.11.2026", "start_time": "10.00",
              "duration_min": "45", "channel": "desk", "service_type": "service_guidance"}
    values.update(over)
    return values


def test_a_plain_booking_with_history(ready):
    [appt] = appointments.book(ready, booking(ready))
    row = ready.store.query("SELECT * FROM appointment WHERE id = ?", (appt,))[0]
    assert (row["on_date"], row["start_time"], row["status"], row["staff_id"]) == \
        ("2026-11-24", "10:00", "scheduled", ready.operator_id)
    history = ready.store.query("SELECT from_status, to_status FROM appointment_status_change")
    assert history == [{"from_status": None, "to_status": "scheduled"}]


@pytest.mark.parametrize("over, codes", [
    ({"on_date": "28.11.2026"}, {"weekend"}),                      # Saturday
    ({"on_date": "24.12.2026"}, {"holiday"}),                      # Christmas Eve, a Thursday
    ({"on_date": "6.12.2026"}, {"weekend", "holiday"}),            # Independence Day, Sunday
    ({"start_time": "7.30"}, {"office_hours"}),
    ({"start_time": "15.30", "duration_min": "60"}, {"office_hours"}),
])
def test_warnings_not_refusals(ready, over, codes):
    with pytest.raises(appointments.BookingWarnings) as info:
        appointments.book(ready, booking(ready, **over))
    assert {w.code for w in info.value.warnings} == codes
    assert ready.store.scalar("SELECT COUNT(*) FROM appointment") == 0
    assert appointments.book(ready, booking(ready, **over), confirm=True)


def test_double_bookings_warn_but_cancelled_ones_do_not_count(ready):
    [first] = appointments.book(ready, booking(ready))
    with pytest.raises(appointments.BookingWarnings) as info:
        appointments.book(ready, booking(ready, start_time="10.30"))
    assert {w.code for w in info.value.warnings} == {"staff_overlap", "client_overlap"}
    appointments.set_status(ready, first, "cancelled_by_client")
    assert appointments.book(ready, booking(ready, start_time="10.30"))


@pytest.mark.parametrize("over, field, code", [
    ({"duration_min": "0"}, "duration_min", "number_range"),
    ({"duration_min": "721"}, "duration_min", "number_range"),
    ({"on_date": "31.2.2026"}, "on_date", "no_such_date"),
    ({"start_time": "25.00"}, "start_time", "no_such_time"),
    ({"client_id": ""}, "client_id", "required"),
])
def test_bad_bookings_are_refused_and_nothing_saved(ready, over, field, code):
    with pytest.raises(FormErrors) as info:
        appointments.book(ready, booking(ready, **over), confirm=True)
    assert {e.field: e.code for e in info.value.errors}[field] == code
    assert ready.store.scalar("SELECT COUNT(*) FROM appointment") == 0


def test_booking_an_exited_client_asks_first(ready):
    cid = intake.save_intake(ready, full_intake())
    from duunikulma_tui.services import exits

    exits.exit_client(ready, cid, {"end_date": "23.11.2026", "exit_outcome": "education"})
    with pytest.raises(appointments.ExitedClient):
        appointments.book(ready, booking(ready, client_id=cid))
    assert appointments.book(ready, booking(ready, client_id=cid), confirm=True)


def test_weekly_series_until_an_end_date(ready):
    ids = appointments.book(ready, booking(ready, kind="group", client_id="", title="Digipaja",
                                           service_type="digital_workshop"),
                            repeat_until=dt.date(2026, 12, 15), confirm=True)
    rows = ready.store.query("SELECT on_date, series_id FROM appointment ORDER BY on_date")
    assert [r["on_date"] for r in rows] == ["2026-11-24", "2026-12-01", "2026-12-08", "2026-12-15"]
    assert len({r["series_id"] for r in rows}) == 1 and len(ids) == 4


def test_status_moves_follow_the_model_and_undo_works_the_same_day(ready):
    [appt] = appointments.book(ready, booking(ready, on_date="23.11.2026"))
    appointments.set_status(ready, appt, "arrived")
    with pytest.raises(FormErrors):
        appointments.set_status(ready, appt, "missed")  # arrived -> missed is not a move
    appointments.set_status(ready, appt, "completed")
    assert appointments.undo_status(ready, appt) == "arrived"
    assert appointments.undo_status(ready, appt) == "scheduled"
    assert appointments.undo_status(ready, appt) is None
    moves = [(r["from_status"], r["to_status"]) for r in ready.store.query(
        "SELECT from_status, to_status FROM appointment_status_change ORDER BY hlc")]
    assert moves == [(None, "scheduled"), ("scheduled", "arrived"), ("arrived", "completed"),
                     ("completed", "arrived"), ("arrived", "scheduled")]


def test_a_move_made_on_an_earlier_day_cannot_be_undone(ready):
    [appt] = appointments.book(ready, booking(ready, on_date="23.11.2026"))
    appointments.set_status(ready, appt, "missed")
    ready.today = lambda: TODAY + dt.timedelta(days=1)
    assert appointments.undo_status(ready, appt) is None
    ready.today = lambda: TODAY
    assert appointments.undo_status(ready, appt) == "scheduled"


def test_walk_in_is_completed_at_once(ready):
    appt = appointments.log_contact(ready, {"client_id": ready.client, "channel": "desk",
                                            "service_type": "digital_advice",
                                            "duration_min": "20", "notes": "Apua lomakkeeseen"})
    row = ready.store.query("SELECT status, on_date, notes FROM appointment WHERE id = ?", (appt,))[0]
    assert row == {"status": "walk_in", "on_date": "2026-11-23", "notes": "Apua lomakkeeseen"}


def test_logging_with_a_referral_saves_both_or_neither(ready):
    provider = referrals.save_provider(ready, {"name": "Valmennus Oy", "business_id": "0737546-2"})
    [appt] = appointments.book(ready, booking(ready, on_date="23.11.2026"))
    bad = {"kind": "purchased_service", "provider_id": provider, "agreed_cost_cents": "-5"}
    with pytest.raises(FormErrors):
        appointments.log_contact(ready, {"notes": "x"}, appointment_id=appt, referral=bad)
    assert ready.store.scalar("SELECT status FROM appointment WHERE id = ?", (appt,)) == "scheduled"
    assert ready.store.scalar("SELECT COUNT(*) FROM referral") == 0
    good = {**bad, "agreed_cost_cents": "740,00", "service_name": "Työnhakuvalmennus"}
    appointments.log_contact(ready, {"notes": "Ohjattu valmennukseen", "next_step": "soitto",
                                     "follow_up_on": "25.11.2026"}, appointment_id=appt,
                             referral=good)
    ref = ready.store.query("SELECT kind, agreed_cost_cents, client_id, appointment_id FROM referral")
    assert ref == [{"kind": "purchased_service", "agreed_cost_cents": 74000,
                    "client_id": ready.client, "appointment_id": appt}]
    assert ready.store.scalar("SELECT status FROM appointment WHERE id = ?", (appt,)) == "completed"


@pytest.mark.parametrize("cost", ["-1", "abc", "12,345"])
def test_referral_cost_must_be_a_non_negative_sum(ready, cost):
    with pytest.raises(FormErrors) as info:
        referrals.add_referral(ready, {"client_id": ready.client, "kind": "short_course",
                                       "agreed_cost_cents": cost})
    assert "agreed_cost_cents" in info.value.by_field()


def test_purchased_service_needs_a_provider_and_card_training_its_card(ready):
    with pytest.raises(FormErrors) as info:
        referrals.add_referral(ready, {"client_id": ready.client, "kind": "purchased_service"})
    assert "provider_id" in info.value.by_field()
    with pytest.raises(FormErrors) as info:
        referrals.add_referral(ready, {"client_id": ready.client, "kind": "card_training"})
    assert "card_name" in info.value.by_field()


def test_yesterdays_leftovers_are_offered_never_changed_silently(ready):
    add_appointment(ready, TODAY - dt.timedelta(days=1), "10:00", staff_id=ready.operator_id,
                    client_id=ready.client)
    add_appointment(ready, TODAY, "10:00", staff_id=ready.operator_id, client_id=ready.client)
    stale = appointments.stale_scheduled(ready)
    assert [r["on_date"] for r in stale] == ["2026-11-22"]
    assert ready.store.scalar("SELECT COUNT(*) FROM appointment WHERE status = 'missed'") == 0
    appointments.mark_missed(ready, [r["id"] for r in stale])
    assert appointments.stale_scheduled(ready) == []


def test_follow_ups_due_until_a_later_contact_is_booked(ready):
    [appt] = appointments.book(ready, booking(ready, on_date="20.11.2026"), confirm=True)
    appointments.log_contact(ready, {"next_step": "Soita", "follow_up_on": "23.11.2026"},
                             appointment_id=appt)
    assert [f.who for f in follow_ups.due_follow_ups(ready)] == ["Virtanen Matti"]
    appointments.book(ready, booking(ready, on_date="26.11.2026"))
    assert follow_ups.due_follow_ups(ready) == []
