"""The clock's People cache is shared by the fan-out's threads: a remembered owner is never re-asked of Slack."""

from __future__ import annotations

import threading

from bot.core.people import People, Person, remember_person
from bot.core.teams import ensure_team


def test_threads_sharing_people_all_read_the_remembered_timezone_and_never_ask_slack(server, slack, team):
    hb = server.services
    with hb.db.session() as session:
        ensure_team(session=session, team_id=team)
        remember_person(session=session, team_id=team, who=Person("U0TOKYO", "Asia/Tokyo", "Aiko"))
    people = People(hb)
    start = threading.Barrier(16)
    seen: list[str | None] = []

    def ask() -> None:
        start.wait()
        found = people.get(team, "U0TOKYO")
        seen.append(found.tz if found else None)

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == ["Asia/Tokyo"] * 16  # the fake Slack would have said America/New_York
    assert not [c for c in slack.calls_to("users.info") if c.args.get("user") == "U0TOKYO"]
