"""Access rules: which channels, people and user groups may use the candidate and salary commands."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.access import service as access
from bot.core.errors import UserError
from bot.core.models import AuditEvent, Team
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import SlackSender

HIRING, OTHER = "C0HIRING", "C0RANDOM"


def as_user(server, slack, team: str, user: str = "U0SAM", channel: str = HIRING) -> SlackSender:
    """Signed requests from one user in one channel of the team."""
    return SlackSender(server, slack.response_url("a"), team_id=team, user_id=user, channel_id=channel)


def refused(reply: dict) -> bool:
    return reply.get("response_type") == "ephemeral" and "hiring channels and people" in reply.get("text", "")


def answered_shortlist(reply: dict) -> bool:
    return "blocks" in reply and not refused(reply)


@pytest.fixture
def admin(server, slack, team) -> SlackSender:
    """A workspace admin (the fake Slack calls everyone an admin unless told otherwise)."""
    return as_user(server, slack, team)


def test_everyone_may_use_the_commands_until_an_admin_restricts_them(server, slack, team, services):
    load_snapshots(services, team, [snapshot("Ada Example", "ada-acc")])
    reply = as_user(server, slack, team, channel=OTHER).command("/shortlist", "ml-engineer").json()
    assert answered_shortlist(reply)
    with services.db.session() as session:
        assert access.public_channel_allowed(session, team) is False  # digests stay out of public channels


def test_restricted_to_a_channel_answers_there_and_refuses_elsewhere(admin, server, slack, team, services):
    load_snapshots(services, team, [snapshot("Ada Example", "ada-acc2")])
    reply = admin.command("/hirebot", f"settings access channels:<#{HIRING}|hiring-ml>").json()
    assert "Access updated" in reply["text"] and f"<#{HIRING}>" in reply["text"]
    assert slack.calls_to("users.info")[-1].args["user"] == "U0SAM"

    assert answered_shortlist(admin.command("/shortlist", "ml-engineer").json())
    elsewhere = as_user(server, slack, team, channel=OTHER)
    for command, text in (("/shortlist", "ml-engineer"), ("/candidate", "show ada-acc2"),
                          ("/salary", "ml-engineer senior us"), ("/outreach", "status")):
        reply = elsewhere.command(command, text).json()
        assert refused(reply), (command, reply)
        assert f"<#{HIRING}>" in reply["text"]  # says where it does work
        assert "Ada" not in str(reply)
    assert "Examples:" in str(elsewhere.command("/shortlist", "help").json())  # help gives nothing away
    assert "ml-engineer" in elsewhere.command("/hirebot", "role list").json()["text"]  # reading roles is open
    # Digests post candidates and role edits change the ranking: both stay with the hiring channels.
    assert refused(elsewhere.command("/hirebot", "digest here 09:00").json())
    assert refused(elsewhere.command("/hirebot", "role remove ml-engineer").json())
    assert "ml-engineer" in admin.command("/hirebot", "role list").json()["text"]

    shown = admin.command("/hirebot", "settings").json()["text"]
    assert f"only in <#{HIRING}>" in shown
    with services.db.session() as session:
        assert session.scalar(select(AuditEvent.action).where(AuditEvent.team_id == team,
                                                              AuditEvent.action == "settings.access"))


def test_an_allowed_user_may_use_the_commands_in_any_channel(admin, server, slack, team):
    admin.command("/hirebot", "settings access users:<@U0ANA|ana>,<@U0BEN|ben>")
    assert answered_shortlist(as_user(server, slack, team, user="U0ANA", channel=OTHER).command("/shortlist", "ml-engineer").json())
    assert answered_shortlist(as_user(server, slack, team, user="U0BEN", channel="D0ANA").command("/shortlist", "ml-engineer").json())
    assert refused(as_user(server, slack, team, user="U0SAM", channel=OTHER).command("/shortlist", "ml-engineer").json())


def test_members_of_an_allowed_user_group_pass(admin, server, slack, team, monkeypatch):
    answer = slack._answer

    def with_groups(method, args):
        if method == "usergroups.users.list":
            return {"ok": True, "users": ["U0GRP1", "U0GRP2"] if args.get("usergroup") == "S0MLHIRE" else []}
        return answer(method, args)

    monkeypatch.setattr(slack, "_answer", with_groups)
    admin.command("/hirebot", "settings access groups:<!subteam^S0MLHIRE|@ml-hiring>")
    member = as_user(server, slack, team, user="U0GRP1", channel=OTHER)
    assert answered_shortlist(member.command("/shortlist", "ml-engineer").json())
    assert answered_shortlist(member.command("/shortlist", "ml-engineer").json())
    assert len(slack.calls_to("usergroups.users.list")) == 1  # membership is cached, not asked per command
    assert refused(as_user(server, slack, team, user="U0SAM", channel=OTHER).command("/shortlist", "ml-engineer").json())


def test_buttons_are_refused_outside_the_allowed_channels(admin, server, slack, team):
    admin.command("/hirebot", f"settings access channels:{HIRING}")
    slack.reset()
    clicked = as_user(server, slack, team, channel=OTHER).action("candidate_pass", "1|1|ml-engineer 5", channel_id=OTHER)
    assert clicked.status_code == 200
    told = slack.wait_for("response_url")
    assert told and "hiring channels and people" in told[0].args["text"]


def test_a_non_admin_cannot_change_access_and_nothing_is_written(server, slack, team, services, monkeypatch):
    monkeypatch.setitem(slack.users, "U0BOB", {"is_admin": False})
    bob = as_user(server, slack, team, user="U0BOB")
    reply = bob.command("/hirebot", "settings access off").json()
    assert reply["response_type"] == "ephemeral" and "Only workspace admins" in reply["text"]
    reply = bob.command("/hirebot", f"settings access channels:<#{HIRING}|hiring>").json()
    assert "Only workspace admins" in reply["text"]
    with services.db.session() as session:
        team_row = session.get(Team, team)
        assert team_row is None or "access" not in (team_row.settings or {})
    assert "everyone in this workspace" in bob.command("/hirebot", "settings").json()["text"]  # anyone may look


def test_access_off_opens_it_again_and_public_channels_are_a_separate_switch(admin, server, slack, team, services):
    admin.command("/hirebot", f"settings access channels:<#{HIRING}|hiring> public:allow")
    with services.db.session() as session:
        assert access.public_channel_allowed(session, team) is True
    admin.command("/hirebot", "settings access public:deny")
    assert refused(as_user(server, slack, team, channel=OTHER).command("/shortlist", "ml-engineer").json())
    reply = admin.command("/hirebot", "settings access off").json()
    assert "everyone in this workspace" in reply["text"] and "not allowed" in reply["text"]  # off keeps public
    assert answered_shortlist(as_user(server, slack, team, channel=OTHER).command("/shortlist", "ml-engineer").json())
    with services.db.session() as session:
        assert access.public_channel_allowed(session, team) is False
    admin.command("/hirebot", "settings access public:allow")
    with services.db.session() as session:
        assert access.public_channel_allowed(session, team) is True


def test_a_channel_name_slack_did_not_escape_is_explained_and_nothing_is_written(admin, slack, team, services):
    reply = admin.command("/hirebot", "settings access channels:#hiring-ml").json()
    assert "Pick it from Slack's autocomplete" in reply["text"] and "Example:" in reply["text"]
    assert slack.calls_to("users.info") == []  # bad input is explained before Slack is asked anything
    with services.db.session() as session:
        assert session.get(Team, team) is None


def test_check_is_what_other_features_call(services, team, slack):
    from slack_sdk import WebClient

    client = WebClient(base_url=slack.url, token="xoxb-test")
    with services.db.session() as session:
        access.update_rules(session=session, team_id=team, user_id="U0SAM", now=services.now(),
                            change=access.parse_access([f"channels:{HIRING}", "users:U0ANA"]))
    with services.db.session() as session:
        access.check(session, team, "U0ZED", HIRING, client)
        access.check(session, team, "U0ANA", OTHER, client)
        with pytest.raises(access.NotPermitted):
            access.check(session, team, "U0ZED", OTHER, client)


# -- parsing what Slack sends ---------------------------------------------------------------------------
def test_parse_access_reads_slack_escaped_mentions_and_bare_ids():
    change = access.parse_access(["channels:<#C0AAA|hiring>,<#G0BBB|>", "<#C0CCC|more>", "users:<@U0ANA|ana>",
                                  "@U0BEN", "groups:<!subteam^S0ML|@ml-hiring>", "public:deny"])
    assert change.channels == ("C0AAA", "G0BBB", "C0CCC")
    assert change.users == ("U0ANA", "U0BEN") and change.groups == ("S0ML",) and change.public is False
    rules = change.apply(access.AccessRules(channels=("C0OLD",), users=("U0OLD",)))
    assert rules.channels == ("C0AAA", "G0BBB", "C0CCC") and rules.users == ("U0ANA", "U0BEN") and not rules.public
    assert access.parse_access(["users:none"]).apply(rules).users == ()
    assert not access.parse_access(["off"]).apply(rules).restricted


@pytest.mark.parametrize("words", [[], ["channels:#general"], ["public:maybe"], ["everyone"], ["users:sam"]])
def test_parse_access_refuses_what_it_cannot_read(words):
    with pytest.raises(UserError) as err:
        access.parse_access(words)
    assert err.value.example


@pytest.mark.parametrize("text", ['"digest" here 09:00', "“digest” here 09:00", 'role "remove" ml-engineer',
                                  "DIGEST here 09:00"])
def test_quoting_a_subcommand_does_not_slip_past_the_rules(admin, server, slack, team, services, text):
    admin.command("/hirebot", f"settings access channels:<#{HIRING}|hiring-ml>")
    outsider = as_user(server, slack, team, user="U0OUT", channel="G0OUTSIDER")
    reply = outsider.command("/hirebot", text).json()
    assert refused(reply), reply
    with services.db.session() as session:
        from bot.core.models import DigestSubscription, Role

        assert session.scalar(select(DigestSubscription).where(DigestSubscription.team_id == team)) is None
        assert session.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer")) is not None
