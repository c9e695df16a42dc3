"""A person sets their notifications from App Home (block_actions, the quiet-hours modal) and /hirebot notify."""

from __future__ import annotations

import json

from tests.notify.kit import block, home_action, notify, open_home, prefs_row, published, submit_view
from tests.outreach.test_e2e import Recruiter
from tests.slackkit import validate_blocks


def test_home_shows_every_kind_with_todays_defaults(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    view = open_home(r)
    modes = {b["block_id"]: b["accessory"]["initial_option"]["value"] for b in view["blocks"]
             if b.get("block_id", "").startswith("notify-mode-")}
    assert modes == {"notify-mode-nudges": "nudges:now", "notify-mode-deadlines": "deadlines:now",
                     "notify-mode-escalations": "escalations:off", "notify-mode-reengage": "reengage:now",
                     "notify-mode-newwork": "newwork:now"}
    assert "Europe/Berlin" in json.dumps(view)  # the person's own Slack timezone (users.info)
    assert prefs_row(services, team, r.user) is None  # looking writes nothing


def test_choosing_summary_in_the_home_select_saves_it_and_republishes_the_tab(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    view = open_home(r)
    home_action(r, view, "notify-mode-nudges", value="nudges:summary")
    slack.wait_for("views.publish", count=2)
    row = prefs_row(services, team, r.user)
    assert row is not None and row.modes == {"nudges": "summary"} and row.tz == "Europe/Berlin"
    again = published(slack, r.user)
    assert block(again, "notify-mode-nudges")["accessory"]["initial_option"]["value"] == "nudges:summary"
    assert block(again, "notify-mode-deadlines")["accessory"]["initial_option"]["value"] == "deadlines:now"


def test_snooze_from_home_then_resume(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    view = open_home(r)
    home_action(r, view, "notify-snooze", value="7")
    slack.wait_for("views.publish", count=2)
    row = prefs_row(services, team, r.user)
    assert row.snooze_until is not None
    assert "until <!date^" in block(published(slack, r.user), "notify-snooze")["text"]["text"]
    home_action(r, published(slack, r.user), "notify-snooze", value="0")
    slack.wait_for("views.publish", count=3)
    assert prefs_row(services, team, r.user).snooze_until is None


def test_quiet_hours_modal_opens_filled_and_saves_times_days_and_summary(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    view = open_home(r)
    home_action(r, view, "notify-quiet")
    opened = slack.wait_for("views.open")[-1].args
    modal = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    assert opened["trigger_id"] == "1337.42.home" and modal["callback_id"] == "notify_quiet"
    validate_blocks(modal["blocks"], limit=100)
    resp = submit_view(r, modal, {
        "quiet_start": {"time": {"type": "timepicker", "selected_time": "22:00"}},
        "quiet_end": {"time": {"type": "timepicker", "selected_time": "07:30"}},
        "quiet_days": {"days": {"type": "checkboxes", "selected_options": [
            {"text": {"type": "plain_text", "text": "Sat"}, "value": "5"},
            {"text": {"type": "plain_text", "text": "Sun"}, "value": "6"}]}},
        "summary_time": {"time": {"type": "timepicker", "selected_time": "16:30"}}})
    assert resp.text in ("", "null") or resp.json() in ({}, None)
    row = prefs_row(services, team, r.user)
    assert (row.quiet_start, row.quiet_end, row.quiet_days, row.summary_time) == ("22:00", "07:30", [5, 6], "16:30")
    slack.wait_for("views.publish", count=2)
    text = block(published(slack, r.user), "notify-quiet")["text"]["text"]
    assert text == "*Quiet hours*: 22:00–07:30 · quiet days Sat, Sun · summary at 16:30"


def test_a_quiet_window_with_one_end_is_refused_in_the_form_and_nothing_is_saved(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    view = open_home(r)
    home_action(r, view, "notify-quiet")
    opened = slack.wait_for("views.open")[-1].args
    modal = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    resp = submit_view(r, modal, {"quiet_start": {"time": {"type": "timepicker", "selected_time": "22:00"}},
                                  "quiet_end": {"time": {"type": "timepicker", "selected_time": None}},
                                  "summary_time": {"time": {"type": "timepicker", "selected_time": "17:00"}}})
    assert resp.json() == {"response_action": "errors",
                           "errors": {"quiet_end": "Pick both times, or neither for no quiet hours."}}
    assert prefs_row(services, team, r.user) is None


def test_a_stale_select_value_is_explained_and_writes_nothing(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    view = open_home(r)
    acc = block(view, "notify-mode-nudges")["accessory"]
    acc["options"].append({"text": {"type": "plain_text", "text": "Loud"}, "value": "nudges:loud"})
    home_action(r, view, "notify-mode-nudges", value="nudges:loud")
    assert prefs_row(services, team, r.user) is None


def test_hirebot_notify_sets_modes_quiet_hours_and_snooze_and_shows_them(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    assert "Follow-up nudges: DM now" in notify(r, "")["text"]
    assert "Hiring-clock nudges: Daily summary" in notify(r, "deadlines summary 18:00")["text"]
    row = prefs_row(services, team, r.user)
    assert row.modes == {"deadlines": "summary"} and row.summary_time == "18:00"
    notify(r, "quiet 20:00-08:00")
    notify(r, "quiet days sat,sun")
    shown = notify(r, "snooze 3")["text"]
    assert "quiet hours: 20:00–08:00 · quiet days Sat, Sun" in shown and "Snoozed until <!date^" in shown
    notify(r, "all off")
    row = prefs_row(services, team, r.user)
    assert set(row.modes.values()) == {"off"} and len(row.modes) == 5
    assert "Back to the defaults" in notify(r, "reset")["text"]
    assert prefs_row(services, team, r.user).modes == {}


def test_hirebot_notify_names_the_wrong_word_with_an_example_and_writes_nothing(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    for text, word in (("nudges loud", "'loud' is not a mode"), ("pings off", "'pings' is not a kind"),
                       ("quiet 25:00-08:00", "'25:00' is not a time"), ("snooze 90", "'90' is not a number of days"),
                       ("quiet days funday", "'funday' is not a day")):
        answer = notify(r, text)
        assert answer["text"].startswith(":warning:") and word in answer["text"] and "Example: `" in answer["text"], text
    assert prefs_row(services, team, r.user) is None
    assert "notify" in r.sender.command("/hirebot", "help").json()["text"] + json.dumps(
        r.sender.command("/hirebot", "help").json().get("blocks"))
