"""Finding 1 of the hostile-input issue: a shared email never merges two people; a handle is never overwritten."""

from __future__ import annotations

from sqlalchemy import select

from bot.candidates.importer import import_text
from bot.core.models import Candidate


def _people(services, team: str) -> list[Candidate]:
    with services.db.session() as s:
        return list(s.scalars(select(Candidate).where(Candidate.team_id == team).order_by(Candidate.id)))


def test_two_github_logins_with_one_shared_email_are_two_people(sender, services, team):
    first = sender.command("/candidate", "add github:alicegh email:team-inbox@example.com name:Alice").json()
    assert first["text"].startswith("Added *Alice*")
    second = sender.command("/candidate", "add github:bobgh email:team-inbox@example.com name:Bob").json()
    assert second["text"].startswith("Added *Bob*"), second
    assert "shared with" in second["text"] and "Alice" in second["text"]
    people = _people(services, team)
    assert [(c.name, c.github, c.email) for c in people] == [("Alice", "alicegh", "team-inbox@example.com"),
                                                             ("Bob", "bobgh", "team-inbox@example.com")]


def test_a_different_handle_for_a_known_person_is_refused_not_overwritten(sender, services, team):
    sender.command("/candidate", "add github:alicegh hf:alice-hf name:Alice")
    reply = sender.command("/candidate", "add hf:alice-hf github:mallory").json()
    assert reply["response_type"] == "ephemeral" and "never replaces a handle" in reply["text"]
    assert [(c.github, c.huggingface) for c in _people(services, team)] == [("alicegh", "alice-hf")]


def test_handles_of_two_different_people_on_one_line_are_refused(sender, services, team):
    sender.command("/candidate", "add github:alicegh name:Alice")
    sender.command("/candidate", "add hf:bob-hf name:Bob")
    reply = sender.command("/candidate", "add github:alicegh hf:bob-hf").json()
    assert "already belongs to someone else" in reply["text"] and "two different people" in reply["text"]
    assert [(c.github, c.huggingface) for c in _people(services, team)] == [("alicegh", None), (None, "bob-hf")]


def test_the_same_person_by_email_alone_is_still_updated(sender, services, team):
    sender.command("/candidate", "add github:alicegh email:alice@example.com name:Alice")
    reply = sender.command("/candidate", "add email:alice@example.com location:Berlin").json()
    assert reply["text"].startswith("Updated *Alice*")
    assert [(c.github, c.location) for c in _people(services, team)] == [("alicegh", "Berlin")]


def test_csv_import_keeps_people_who_share_an_email_apart(services, team):
    text = ("name,email,github\n"
            "Alice A,team-inbox@example.com,alicegh\n"
            "Bob B,team-inbox@example.com,bobgh\n"
            "Alice A,team-inbox@example.com,\n"
            "Carol,team-inbox@example.com,\n")
    report = import_text(services, team_id=team, text=text, kind="csv", source="test")
    assert (report.added, report.updated, report.errors) == (3, 1, [])  # line 4 is Alice again, by name and email
    assert [n for n, _ in report.notices] == [3, 5]  # Bob and Carol are told apart from Alice, and said so
    assert [(c.name, c.github) for c in _people(services, team)] == [("Alice A", "alicegh"), ("Bob B", "bobgh"),
                                                                     ("Carol", None)]
