"""What Slack shows about roles: the list and a role's scorecard, as data for templates/roles/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.models import Role
from bot.core.render import render

LIST_SKILLS = 5  # must-haves shown per role in the list


def role_data(role: Role) -> dict[str, Any]:
    """A role's scorecard fields for templates/roles/role.json.j2 (weights strongest first)."""
    weights = sorted((role.weights or {}).items(), key=lambda kv: -kv[1])
    return {"slug": role.slug, "title": role.title, "level": role.level, "location": role.location,
            "must_have": list(role.must_have), "nice_to_have": list(role.nice_to_have),
            "weights": [{"signal": k, "weight": v} for k, v in weights], "questions": list(role.questions or [])}


def role_message(role: Role, *, notice: str | None = None) -> dict[str, Any]:
    """A role's scorecard as one mrkdwn text, after an optional notice line."""
    return render("roles/role.json.j2", role=role_data(role), notice=notice)


def role_list_message(roles: Sequence[Role]) -> dict[str, Any]:
    """Every role with its first must-haves, and how to see or add one."""
    return render("roles/list.json.j2", roles=[{"slug": r.slug, "title": r.title, "must_have": list(r.must_have[:LIST_SKILLS])}
                                               for r in roles])


def remove_confirm_message(role: Role, *, scores: int, entries: int) -> dict[str, Any]:
    """Ask before removing a role: what it deletes, a danger button, the typed form."""
    return render("roles/confirm.json.j2", kind="remove", slug=role.slug, title=role.title, scores=scores, entries=entries)


def reset_confirm_message(*, missing: list[str], edited: list[str]) -> dict[str, Any]:
    """Ask before restoring the default roles: which come back, whose edits are lost."""
    return render("roles/confirm.json.j2", kind="reset", missing=missing, edited=edited)


def best_match_note(role: Role) -> dict[str, Any]:
    """A context block saying the command acted on the candidate's best-scoring role, and how to pick another."""
    return render("roles/best_match.json.j2", title=role.title, slug=role.slug)


def rescored_message(slugs: Sequence[str], people: int) -> dict[str, Any]:
    """Said once background rescoring after a scorecard change is done (the shortlists now use it)."""
    names = ", ".join(f"`{s}`" for s in slugs)
    return {"text": f"Scores for {names} are recomputed for {people:,} "
                    + ("candidate" if people == 1 else "candidates") + f": `/shortlist {slugs[0]}` uses them now."}
