"""Destructive role commands act on exactly what was named, after saying what they delete; `role reset` and
`hirebot demo-data` bring the default roles back."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import func, select

from bot.core.models import PipelineEntry, Role, Score
from bot.runtime.cli import main
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import validate_blocks

PR = {"repo": "kubeflow/pipelines", "merged_at": "2026-10-20", "title": "Fix retries", "url": "https://github.com/kubeflow/pipelines/pull/1"}


def _slugs(services, team) -> set[str]:
    with services.db.session() as s:
        return set(s.scalars(select(Role.slug).where(Role.team_id == team)))


def _counts(services, team) -> tuple[int, int]:
    with services.db.session() as s:
        role = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "mlops-engineer"))
        return (s.scalar(select(func.count()).select_from(Score).where(Score.role_id == role.id)),
                s.scalar(select(func.count()).select_from(PipelineEntry).where(PipelineEntry.role_id == role.id)))


def test_an_alias_or_a_prefix_removes_nothing(services, sender, team):
    load_snapshots(services, team, [snapshot("Ola Ops", "ola-ops-ex", merged_prs=[PR], roles=["mlops-engineer"])])
    before = _slugs(services, team)
    for words in ("ml-platform", "research", "mlops"):
        reply = sender.command("/hirebot", f"role remove {words}").json()
        assert f"No role with the slug `{words}`" in reply["text"], reply["text"]
    assert "another name for `mlops-engineer`" in sender.command("/hirebot", "role remove ml-platform").json()["text"]
    assert _slugs(services, team) == before


def test_remove_asks_first_with_what_it_deletes_then_the_button_removes(services, sender, team):
    load_snapshots(services, team, [snapshot("Ola Ops", "ola-ops-ex", merged_prs=[PR], roles=["mlops-engineer"])])
    scores, entries = _counts(services, team)
    ask = sender.command("/hirebot", "role remove mlops-engineer").json()
    validate_blocks(ask["blocks"])
    assert f"deletes {scores} score" in ask["text"] and f"{entries} pipeline entr" in ask["text"]
    assert "mlops-engineer" in _slugs(services, team)  # nothing yet
    button = next(e for b in ask["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert button["style"] == "danger" and "confirm" in button
    sender.action(button["action_id"], button["value"])
    assert "mlops-engineer" not in _slugs(services, team)


def test_typed_confirm_removes_and_reset_brings_the_default_back(services, sender, team):
    ensure = sender.command("/hirebot", "role list").json()  # creates the team with its default roles
    assert ensure["text"]
    reply = sender.command("/hirebot", "role remove data-scientist confirm").json()
    assert reply["text"].startswith("Removed role `data-scientist`")
    assert "data-scientist" not in _slugs(services, team)
    sender.command("/hirebot", "role edit ml-engineer must:cobol")
    ask = sender.command("/hirebot", "role reset").json()
    validate_blocks(ask["blocks"])
    assert "data-scientist" in ask["text"] and "ml-engineer" in ask["text"] and "data-scientist" not in _slugs(services, team)
    done = sender.command("/hirebot", "role reset confirm").json()
    assert "data-scientist" in done["text"] and "data-scientist" in _slugs(services, team)
    with services.db.session() as s:
        ml = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer"))
        assert "cobol" not in ml.must_have
    assert "nothing to reset" in sender.command("/hirebot", "role reset").json()["text"]


def test_demo_data_recreates_a_removed_default_role(tmp_path, services, sender, team):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    runner = CliRunner()
    first = runner.invoke(main, ["demo-data", "--team", "TDEMO"], env={"DATABASE_URL": url})
    assert first.exit_code == 0, first.output
    from bot.core.db import Database

    db = Database(url)
    with db.session() as s:
        s.delete(s.scalar(select(Role).where(Role.team_id == "TDEMO", Role.slug == "mlops-engineer")))
    again = runner.invoke(main, ["demo-data", "--team", "TDEMO"], env={"DATABASE_URL": url})
    assert again.exit_code == 0 and "Restored the default roles mlops-engineer" in again.output, again.output
    with db.session() as s:
        assert s.scalar(select(Role).where(Role.team_id == "TDEMO", Role.slug == "mlops-engineer")) is not None
    db.dispose()


def test_a_scorecard_edit_rescores_after_the_ack_and_says_when_done(services, sender, slack, team):
    load_snapshots(services, team, [snapshot("Ola Ops", "ola-ops-ex", merged_prs=[PR], roles=["mlops-engineer"])])
    reply = sender.command("/hirebot", "role edit mlops-engineer must:kubeflow").json()
    assert "scores are being recomputed" in reply["text"]
    done = [c for c in slack.wait_for("response_url", timeout=20) if "recomputed for" in str(c.args)]
    assert done and "`mlops-engineer`" in done[0].args["text"] and "1 candidate" in done[0].args["text"]
    assert done[0].args.get("response_type") == "ephemeral"
