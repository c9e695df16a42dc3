"""Quiet hours, quiet days, snooze and summary times in the person's own timezone, across DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.errors import UserError
from bot.notify.prefs import Kind, Mode, Prefs, held_until, next_summary, parse_days, parse_kind, parse_mode, quiet_until

BERLIN = "Europe/Berlin"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_defaults_are_todays_behaviour_every_dm_now_and_escalation_copies_off():
    p = Prefs("U1")
    assert [p.mode(k) for k in Kind] == [Mode.NOW, Mode.NOW, Mode.OFF, Mode.NOW, Mode.NOW]
    assert held_until(p, utc("2026-03-02T03:00:00+00:00"), BERLIN) is None


def test_overnight_quiet_hours_end_at_seven_local_on_both_sides_of_the_march_change():
    p = Prefs("U1", quiet_start="22:00", quiet_end="07:00")
    # Saturday night before the change (CET, UTC+1): ends 07:00 CEST on Sunday 29 March = 05:00 UTC
    assert quiet_until(p, utc("2026-03-28T23:30:00+01:00"), BERLIN) == utc("2026-03-29T05:00:00+00:00")
    # the night before, still CET: 07:00 = 06:00 UTC
    assert quiet_until(p, utc("2026-03-27T23:30:00+01:00"), BERLIN) == utc("2026-03-28T06:00:00+00:00")
    # after the window, and at its first free minute: not quiet
    assert quiet_until(p, utc("2026-03-29T05:00:00+00:00"), BERLIN) is None
    assert quiet_until(p, utc("2026-03-29T04:59:00+00:00"), BERLIN) == utc("2026-03-29T05:00:00+00:00")


def test_quiet_hours_end_at_seven_local_after_the_october_change():
    p = Prefs("U1", quiet_start="22:00", quiet_end="07:00")
    # Saturday 24 October 23:00 CEST; the clocks go back on Sunday 25 October: 07:00 CET = 06:00 UTC
    assert quiet_until(p, utc("2026-10-24T23:00:00+02:00"), BERLIN) == utc("2026-10-25T06:00:00+00:00")


def test_a_window_ending_in_the_skipped_hour_ends_at_the_first_real_moment_after_it():
    p = Prefs("U1", quiet_start="23:00", quiet_end="02:30")  # 02:30 does not exist on 29 March in Berlin
    end = quiet_until(p, utc("2026-03-29T00:30:00+00:00"), BERLIN)  # 01:30 CET
    assert end is not None and end.astimezone(UTC) == utc("2026-03-29T01:30:00+00:00")  # = 03:30 CEST


def test_quiet_days_then_quiet_hours_then_a_snooze_chain_into_one_release_moment():
    p = Prefs("U1", quiet_start="20:00", quiet_end="10:00", quiet_days=(5, 6))
    friday_evening = utc("2026-03-27T21:00:00+01:00")
    # Friday night -> Saturday, Sunday quiet days -> Monday 00:00 is in quiet hours -> 10:00 CEST Monday
    assert held_until(p, friday_evening, BERLIN) == utc("2026-03-30T08:00:00+00:00")
    snoozed = Prefs("U1", snooze_until=utc("2026-03-31T12:00:00+00:00"), quiet_start="20:00", quiet_end="10:00")
    assert held_until(snoozed, friday_evening, BERLIN) == utc("2026-03-31T12:00:00+00:00")  # 14:00 local: free
    late = Prefs("U1", snooze_until=utc("2026-03-31T19:00:00+00:00"), quiet_start="20:00", quiet_end="10:00")
    assert held_until(late, friday_evening, BERLIN) == utc("2026-04-01T08:00:00+00:00")  # 21:00 local -> 10:00


def test_next_summary_is_the_local_summary_time_today_or_tomorrow():
    p = Prefs("U1", summary_time="17:00")
    assert next_summary(p, utc("2026-03-27T10:00:00+01:00"), BERLIN) == utc("2026-03-27T16:00:00+00:00")
    assert next_summary(p, utc("2026-03-28T18:00:00+01:00"), BERLIN) == utc("2026-03-29T15:00:00+00:00")  # CEST
    assert next_summary(p, utc("2026-03-29T15:00:00+00:00"), BERLIN) - utc("2026-03-29T15:00:00+00:00") == timedelta(0)


def test_words_people_type_are_read_or_refused_by_name():
    assert parse_kind("news") is Kind.NEWWORK and parse_kind("Deadline") is Kind.DEADLINES
    assert parse_mode("dm") is Mode.NOW and parse_mode("daily") is Mode.SUMMARY
    assert parse_days("fri-sun") == [4, 5, 6] and parse_days("sat, sun") == [5, 6] and parse_days("none") == []
    with pytest.raises(UserError, match="'sometimes' is not a mode"):
        parse_mode("sometimes")
    with pytest.raises(UserError, match="'pings' is not a kind"):
        parse_kind("pings")
    with pytest.raises(UserError, match="'funday' is not a day"):
        parse_days("funday")
