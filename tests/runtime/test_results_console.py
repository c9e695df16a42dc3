"""Paging and CSV export from the console: Next / Previous replace the shown reply, Export CSV uploads to the DM."""

from __future__ import annotations

import re

from tests.runtime.test_console import button, console, demo, settings, shown  # noqa: F401  (fixtures)


def _ranks(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\. ", text, re.M)]


def test_a_shortlist_pages_forward_and_back_and_exports_from_the_console(console):  # noqa: F811
    console.handle("/shortlist top 3 ml engineers")
    text = shown(console)
    assert "Read as: ml-engineer · 3" in text and _ranks(text)[:3] == [1, 2, 3]
    console.handle(f"/click {button(text, 'Next 3')}")
    text = shown(console)
    assert _ranks(text)[:3] == [4, 5, 6] and "replaces the message you clicked" in text
    console.handle(f"/click {button(text, 'Previous')}")
    text = shown(console)
    assert _ranks(text)[:3] == [1, 2, 3]
    console.handle(f"/click {button(text, 'Export CSV')}")
    text = shown(console)
    assert "uploaded Shortlist (" in text and "to your DM" in text


def test_find_and_list_page_from_the_console(console):  # noqa: F811
    console.handle("/candidate find e")
    text = shown(console)
    assert _ranks(text)[:2] == [1, 2] and "matched:" in text
    console.handle(f"/click {button(text, 'Next 10')}")
    assert _ranks(shown(console))[0] == 11
    console.handle("/candidate list stage:all")
    text = shown(console)
    assert "Pipeline" in text
    console.handle(f"/click {button(text, 'Export CSV')}")
    assert "uploaded Pipeline list (" in shown(console)
