"""The "Done when" of the hostile-input issue: every command and action, fed hostile text and payloads, answers
without a 500, without an "Error id", without live Slack markup from the input, and writes nothing when it
explains a mistake; the same requests unsigned get 401 and cause no call out."""

from __future__ import annotations

import json
import random
import time
from urllib.parse import parse_qs, urlencode

import pytest
from sqlalchemy import func, select

from bot.core.ids import ActionId, CallbackId
from bot.core.models import Base, Team
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import SlackSender, sign

VERBS = {
    "/candidate": ["add", "show", "note", "edit", "stage", "forget", "find", "list", "export", "discover", "zzz"],
    "/outreach": ["start", "status", "reply", "stop", "stats", "sequence", "channel", "pitch", "mailbox", "zzz"],
    "/hirebot": ["help", "role", "digest", "settings", "notify", "zzz"],
    "/shortlist": [""],
    "/salary": [""],
}
HOSTILE = ["<!channel>", "<!here|here>", "<!subteam^S0ALL|@all>", "<https://evil.example|https://good.example>",
           "<@U0BOSS>", "\"unbalanced", "'", "\\", "=HYPERLINK(\"https://evil\")", "+cmd|' /C calc'!A0", "\u202egnp.exe",
           "\x00", "\u200b", "🙂" * 50, "x" * 5000, "role:" + "r" * 300, "github:" + "-" * 50, "hf:..", "tier:legend",
           "min:-1e999", "NaN", "location:" + "\n" * 3, "stage:", "role:", "&lt;!channel&gt;", "%00", "{\"a\":1}",
           "09:99", "25:00", "here", "off", "access", "channels:<#C0X|x>", "users:<@U0X|x>", "public:maybe"]
NUMBERS = ["999999999999999999999999", "#" + "9" * 5000, "١٢", "#١٢", "-1", "#0"]
LIVE = ("<!channel>", "<!here", "<!subteam", "<https://evil")


def _fingerprint(services, team: str) -> dict[str, object]:
    """Row counts of every team-scoped table, and the team's settings: what a write would change."""
    found: dict[str, object] = {}
    with services.db.session() as session:
        for table in Base.metadata.sorted_tables:
            if "team_id" in table.c:
                found[table.name] = session.scalar(select(func.count()).select_from(table).where(table.c.team_id == team))
        row = session.get(Team, team)
        found["settings"] = json.dumps(row.settings if row else None, sort_keys=True, default=str)
    return found


def _settle(server, slack, since: int) -> str:
    deadline = time.monotonic() + 10
    while not server.services.background.idle() and time.monotonic() < deadline:
        time.sleep(0.01)
    return json.dumps([c.args for c in slack.calls_to("response_url")[since:]])


def _check(server, slack, services, team, before: dict, marks: tuple[int, int], reply, what: str) -> dict:
    log_from, posts_from = marks
    assert reply.status_code < 500, (what, reply.status_code)
    posted = _settle(server, slack, posts_from)
    seen = reply.text + posted
    assert "Error id" not in seen and "went wrong" not in seen, (what, seen[:400])
    assert not any(live in seen for live in LIVE), (what, seen[:400])
    log = server.log()[log_from:]
    assert "unexpected error" not in log and "Traceback" not in log, (what, log[-1500:])
    after = _fingerprint(services, team)
    try:
        text = str(reply.json().get("text") or "")
    except ValueError:
        text = ""
    if text.startswith(":warning:") or '"text": ":warning:' in posted:  # the app explained a mistake
        assert after == before, (what, seen[:300])
    return after


def _marks(server, slack) -> tuple[int, int]:
    return len(server.log()), len(slack.calls_to("response_url"))


def _commands(rng: random.Random, tokens: list[str], count: int) -> list[tuple[str, str]]:
    out = []
    for command, verbs in VERBS.items():
        for verb in verbs:
            for _ in range(count):
                words = [verb] + rng.sample(tokens, rng.randint(1, 3))
                out.append((command, " ".join(w for w in words if w)))
    return out


@pytest.fixture
def fuzz_team(server, slack, services, team):
    load_snapshots(services, team, [snapshot("Ada Fuzz", f"ada-{team.lower()}")])
    return team


def _run_commands(server, slack, services, team, cases) -> int:
    sender = SlackSender(server, slack.response_url("fz"), team_id=team)
    before = _fingerprint(services, team)
    for command, text in cases:
        marks = _marks(server, slack)
        reply = sender.command(command, text)
        before = _check(server, slack, services, team, before, marks, reply, f"{command} {text[:80]!r}")
    return len(cases)


def test_every_command_with_hostile_words(server, slack, services, fuzz_team):
    rng = random.Random(1414)
    assert _run_commands(server, slack, services, fuzz_team, _commands(rng, HOSTILE, 12)) > 300


def test_every_command_with_hostile_numbers(server, slack, services, fuzz_team):
    rng = random.Random(1412)
    _run_commands(server, slack, services, fuzz_team, _commands(rng, NUMBERS + HOSTILE[:5], 3))


def _payload(sender: SlackSender, action_id: str, action: dict) -> dict:
    payload = json.loads(parse_qs(sender.action_body(action_id, "x"))["payload"][0])
    payload["actions"][0] = {"action_id": action_id, "block_id": "b1", "action_ts": "1.2"} | action
    return payload


VALUES = ["", "abc", "1|1|", "0|0|", "-1|-1|", "9|x|<!channel>", "99999999999999999999|1|", "١|١|", "details:",
          "details:1|1|", "salary:abc", "outreach:<!here>", "1:relabel", "x" * 3000, "\x00", "1|1|" + "<!channel>" * 10]
SHAPES = [
    lambda v: {"type": "button", "value": v},
    lambda v: {"type": "overflow", "selected_option": {"value": v, "text": {"type": "plain_text", "text": "x"}}},
    lambda v: {"type": "static_select", "selected_option": {"value": v}},
    lambda v: {"type": "overflow"},
    lambda v: {"type": "button", "value": 7},
    lambda v: {"type": "button"},
]


# Listeners outside this change's files that still answer a hostile shape with an Error id; each is named in the
# issue's closing note. The set may only shrink: a new name here is a regression.
KNOWN_ACTION_FAILURES: set[str] = set()  # add none: every action answers hostile input with a plain message


def test_every_action_with_hostile_values_and_shapes(server, slack, services, fuzz_team):
    sender = SlackSender(server, slack.response_url("fa"), team_id=fuzz_team)
    before = _fingerprint(services, fuzz_team)
    rng = random.Random(1415)
    sent, failures = 0, {}
    for action_id in ActionId:
        for value in VALUES:
            shape = rng.choice(SHAPES)
            body = urlencode({"payload": json.dumps(_payload(sender, str(action_id), shape(value)))})
            marks = _marks(server, slack)
            reply = sender.post(body, "application/x-www-form-urlencoded", sign(body))
            try:
                before = _check(server, slack, services, fuzz_team, before, marks, reply, f"{action_id} {value[:40]!r}")
            except AssertionError as exc:
                failures.setdefault(str(action_id), str(exc)[:300])
                before = _fingerprint(services, fuzz_team)
            sent += 1
    assert sent >= len(ActionId) * len(VALUES)
    assert set(failures) <= KNOWN_ACTION_FAILURES, failures


def test_the_log_reply_form_with_hostile_metadata(server, slack, services, fuzz_team):
    sender = SlackSender(server, slack.response_url("fv"), team_id=fuzz_team)
    base = json.loads(parse_qs(sender.action_body("x", "x"))["payload"][0])
    before = _fingerprint(services, fuzz_team)
    for meta in ("", "{", "[]", "null", '{"e": "1"}', '{"e": -5}', '{"e": 1e999}', '{"e": 99999999999999999999999}',
                 '{"e": 1, "r": 5}', '{"s": true}', "\"" * 3000):
        view = {"id": "V1", "type": "modal", "callback_id": str(CallbackId.LOG_REPLY), "private_metadata": meta,
                "state": {"values": {"input": {"reply_text": {"type": "plain_text_input", "value": "<!channel> yes"}}}}}
        payload = {k: base[k] for k in ("user", "api_app_id", "token", "trigger_id", "team", "is_enterprise_install")}
        body = urlencode({"payload": json.dumps(payload | {"type": "view_submission", "view": view})})
        marks = _marks(server, slack)
        reply = sender.post(body, "application/x-www-form-urlencoded", sign(body))
        before = _check(server, slack, services, fuzz_team, before, marks, reply, f"log_reply {meta[:40]!r}")


def test_the_same_requests_unsigned_are_401_with_no_call_out(server, slack, fuzz_team):
    sender = SlackSender(server, slack.response_url("fu"), team_id=fuzz_team)
    rng = random.Random(1416)
    bodies = [sender.command_body(c, t) for c, t in _commands(rng, HOSTILE, 1)]
    bodies += [sender.action_body(str(a), v) for a in ActionId for v in VALUES[:4]]
    slack.reset()
    for i, body in enumerate(bodies):
        headers = [sign(body, secret="wrong"), sign(body) | {"X-Slack-Request-Timestamp": "1e9"},
                   {"X-Slack-Signature": "v0=" + "0" * 64}, sign(body, timestamp=int(time.time()) - 3600)][i % 4]
        assert sender.post(body, "application/x-www-form-urlencoded", headers).status_code == 401
    time.sleep(0.3)
    assert slack.calls == []
