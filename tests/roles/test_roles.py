"""Role add, edit and remove keep their rules, and the role list and scorecard render as before (escaped)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.core.db import Database
from bot.core.errors import UserError
from bot.core.models import Role
from bot.roles.messages import role_list_message, role_message
from bot.roles.service import add_role, edit_role, list_roles, remove_role
from scoring.scorecard import parse_role_spec

TRICKY = Role(team_id="T1", slug="x-role", title="A & <b>", must_have=["py|go", "<x>"], nice_to_have=[],
              weights={"a": 1.5, "b": 3, "c": 1.5}, level="senior", location="NYC <&>", questions=["Why <us>?"])


def test_scorecard_text_escapes_values_and_orders_weights_strongest_first():
    assert role_message(TRICKY, notice="Added the role; scores are being recomputed.") == {"text": (
        "Added the role; scores are being recomputed.\n"
        "*A &amp; &lt;b&gt;* (`x-role`) · senior · NYC &lt;&amp;&gt;\n"
        "Must-have (70% qualifies): py or go, &lt;x&gt;\n"
        "Nice-to-have: none\n"
        "Signal weights: b 3, a 1.5, c 1.5\n"
        "Q1. Why &lt;us&gt;?")}


def test_role_list_shows_first_five_must_haves():
    many = Role(team_id="T1", slug="z", title="Z", must_have=list("abcdef|"), nice_to_have=[], weights={})
    assert role_list_message([TRICKY, many]) == {"text": (
        "*Roles* (2)\n• `x-role`: A &amp; &lt;b&gt; · must: py/go, &lt;x&gt;\n• `z`: Z · must: a, b, c, d, e\n"
        "_`/hirebot role show <role>` for a scorecard; `/hirebot role add <name> must:... nice:...` to add one._")}


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'roles.db'}")
    yield database
    database.dispose()


def test_add_edit_remove_role(db):
    card = parse_role_spec("role add infra-ml must:python,k8s nice:rust level:senior")
    with db.session() as s:
        role = add_role(session=s, team_id="T1", card=card)
        assert role.id and role.must_have == ["python", "kubernetes"]
        with pytest.raises(UserError, match="already is a role `infra-ml`"):
            add_role(session=s, team_id="T1", card=card)
    with db.session() as s:
        edited = edit_role(session=s, team_id="T1", card=parse_role_spec("role edit infra-ml must:go"), given={"must"})
        assert edited.must_have == ["go"] and edited.nice_to_have == ["rust"] and edited.level == "senior"
        with pytest.raises(UserError, match="No role `nope` to edit"):
            edit_role(session=s, team_id="T1", card=parse_role_spec("role edit nope must:go"), given={"must"})
    with db.session() as s:
        assert remove_role(session=s, team_id="T1", slug="infra-ml")[0] == "infra-ml"
    with db.session() as s:
        assert s.scalar(select(Role).where(Role.slug == "infra-ml")) is None
        assert list_roles(session=s, team_id="T1")  # the default roles stay
