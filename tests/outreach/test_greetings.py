"""Drafts greet people by the name they go by: a preferred name when stored, the whole name when the first
word is likely a family name (Tsai Ming-Hui), the given name otherwise."""

from __future__ import annotations

import pytest

from scoring.names import greeting_name
from tests.conftest import load_snapshots, snapshot

PR = {"repo": "pytorch/pytorch", "merged_at": "2026-10-20", "title": "Fix FSDP", "url": "https://github.com/pytorch/pytorch/pull/9100001"}


@pytest.mark.parametrize("name,preferred,expected", [
    ("Ada Example", None, "Ada"), ("Tsai Ming-Hui", None, "Tsai Ming-Hui"), ("Tan Jia Hui", None, "Tan Jia Hui"),
    ("Pham Ngoc Anh", None, "Pham Ngoc Anh"), ("Lee Smith", None, "Lee"), ("Hana Dvořáková", None, "Hana"),
    ("Tsai Ming-Hui", "Ming-Hui", "Ming-Hui"), ("", None, "there"), (None, "  ", "there"),
])
def test_greeting_name(name, preferred, expected):
    assert greeting_name(name, preferred) == expected


def _draft(reply: dict) -> str:
    return next(b["text"]["text"] for b in reply["blocks"] if b.get("block_id", "").endswith("-draft"))


def test_family_name_first_is_greeted_in_full_and_a_preferred_name_wins(services, sender, team):
    load_snapshots(services, team, [snapshot("Tsai Ming-Hui", "tsai-ming-hui-ex", merged_prs=[PR]),
                                    snapshot("Tan Jia Hui", "tan-jia-hui-ex", merged_prs=[PR]),
                                    snapshot("Ada Example", "ada-example-ex", merged_prs=[PR]) | {"preferred_name": "Addie"}])
    assert "> Hi Tsai Ming-Hui," in _draft(sender.command("/outreach", "start tsai").json())
    edited = sender.command("/candidate", 'edit tan preferred:"Jia Hui"').json()
    assert "Updated preferred" in edited["text"], edited
    assert "> Hi Jia Hui," in _draft(sender.command("/outreach", "start tan").json())
    assert "> Hi Addie," in _draft(sender.command("/outreach", "start ada").json())  # imported preferred_name


def test_edit_names_an_unknown_key(services, sender, team):
    load_snapshots(services, team, [snapshot("Tan Jia Hui", "tan-jia-hui-ex")])
    reply = sender.command("/candidate", "edit tan email:x@example.com").json()
    assert "`email:x@example.com`" in reply["text"] and "Example:" in reply["text"]
    assert not reply.get("blocks")
