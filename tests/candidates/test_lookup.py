"""`/candidate show` finds people by what you remember: part of a name, no accents, a handle prefix, `#id`."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.core.models import Candidate
from tests.conftest import load_snapshots, snapshot

PEOPLE = [("Theo Nakamura-Reyes", "theo-nakamura-reyes-ex"), ("Rhys Pemberton", "rhys-pemberton-ex"),
          ("Lucía Ferreyra", "lucia-ferreyra-ex"), ("Tsai Ming-Hui", "tsai-ming-hui-ex"),
          ("Ines Okafor", "ines-okafor-ex"), ("Hana Dvořáková", "hana-dvorakova-ex"),
          ("Sam Lee", "sam-lee-ex"), ("Sam Park", "sam-park-ex")]


@pytest.fixture
def people(services, team):
    load_snapshots(services, team, [snapshot(name, handle) for name, handle in PEOPLE])
    with services.db.session() as s:
        return {c.name: c.id for c in s.scalars(select(Candidate).where(Candidate.team_id == team))}


def _card_of(sender, ref: str) -> dict:
    return sender.command("/candidate", f"show {ref}").json()


@pytest.mark.parametrize("ref,name", [
    ("theo-ex", "Theo Nakamura-Reyes"),  # the README's example: handle words as prefixes
    ("rhys", "Rhys Pemberton"),
    ("lucia", "Lucía Ferreyra"),
    ("Lucía", "Lucía Ferreyra"),
    ("LUCIA FERREYRA", "Lucía Ferreyra"),
    ("tsai", "Tsai Ming-Hui"),
    ("Okafor", "Ines Okafor"),
    ("dvorakova", "Hana Dvořáková"),
    ("@hana-dvorakova-ex", "Hana Dvořáková"),
    ("https://github.com/rhys-pemberton-ex", "Rhys Pemberton"),
])
def test_one_match_shows_the_card(sender, people, ref, name):
    card = _card_of(sender, ref)
    assert card["blocks"][0]["text"]["text"].startswith(name), (ref, card.get("text"))


def test_an_id_shows_that_person(sender, people):
    card = _card_of(sender, f"#{people['Rhys Pemberton']}")
    assert card["blocks"][0]["text"]["text"].startswith("Rhys Pemberton")


def test_several_matches_list_the_choices(sender, people):
    reply = _card_of(sender, "sam")
    assert "2 candidates match" in reply["text"]
    assert f"#{people['Sam Lee']}" in reply["text"] and f"#{people['Sam Park']}" in reply["text"]


def test_no_match_suggests_the_closest(sender, people):
    reply = _card_of(sender, "pemberten")
    assert "No candidate" in reply["text"] and "Rhys Pemberton" in reply["text"], reply["text"]


@pytest.mark.parametrize("ref", ["#999999999999999999999999", "#" + "9" * 5000, "#١٢", "١٢"])
def test_ids_are_ascii_digits_in_range(sender, people, ref):
    reply = _card_of(sender, ref)
    assert reply["response_type"] == "ephemeral"
    assert "Error id" not in reply["text"], reply["text"]
    assert not reply.get("blocks"), "an error reply, not somebody's card"
    assert "Rhys" not in json.dumps(reply) and "Lucía" not in json.dumps(reply, ensure_ascii=False)


def test_an_unknown_role_on_add_shows_an_add_example(sender):
    reply = sender.command("/candidate", "add github:octocat-ex role:nope").json()
    assert "nope" in reply["text"] and "Example: `/candidate add github:octocat role:" in reply["text"], reply["text"]
