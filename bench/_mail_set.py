"""The email-layout reply set (tests/data/replies_mail): bare replies, the layouts they are wrapped in, raw auto-replies.

`cases()` yields every bare reply once bare and once inside each layout; `eml_cases()` the raw
.eml files. `score()` reads them with a reader (text -> Intent) and returns the figures the bench
prints, with the tuning rows and the holdout rows apart.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
MAIL = ROOT / "tests" / "data" / "replies_mail"
# The replies answer outreach sent on Mon 30 Nov 2026 and are read two days later.
MAIL_TODAY = date(2026, 12, 2)


@dataclass(frozen=True, slots=True)
class Case:
    """One text to read: a bare reply or a reply inside a layout, with what it should be read as."""

    reply_id: str
    layout: str | None  # None: bare
    lang: str
    label: str
    until: str | None
    holdout: bool
    text: str


def _quote(text: str, depth: int = 1) -> str:
    prefix = "> " * depth
    return "\n".join((prefix + line).rstrip() for line in text.splitlines())


def bare_rows() -> list[dict]:
    """The bare replies, one dict per JSONL line."""
    with (MAIL / "bare.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def layouts() -> tuple[dict[str, str], list[dict]]:
    """The quoted outreach texts (by language) and the layouts."""
    doc = json.loads((MAIL / "layouts.json").read_text(encoding="utf-8"))
    return doc["outreach"], doc["layouts"]


def wrap(reply: str, layout: dict, outreach: dict[str, str]) -> str:
    """A reply as an email client lays it out: the reply, then the client's signature, header and quote."""
    body = outreach[layout["outreach"]]
    return layout["template"].format(reply=reply, outreach=body, outreach_gt=_quote(body),
                                     outreach_gtgt=_quote(body, 2))


def cases() -> Iterable[Case]:
    """Every bare reply, bare and inside every layout."""
    outreach, lays = layouts()
    for row in bare_rows():
        common = dict(reply_id=row["id"], lang=row["lang"], label=row["label"], until=row.get("until"),
                      holdout=bool(row.get("holdout")))
        yield Case(layout=None, text=row["text"], **common)
        for lay in lays:
            yield Case(layout=lay["name"], text=wrap(row["text"], lay, outreach), **common)


def eml_cases() -> list[dict]:
    """The raw emails: file name, label, until, holdout, and the raw bytes."""
    with (MAIL / "eml" / "index.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for r in rows:
        r["raw"] = (MAIL / "eml" / r["file"]).read_bytes()
    return rows


@dataclass
class Figures:
    """What one subset (tuning or holdout) scored."""

    bare_right: int = 0
    bare_n: int = 0
    wrapped_right: int = 0
    wrapped_n: int = 0
    layout_changed: int = 0
    unsub_missed: int = 0
    unsub_invented: int = 0
    until_right: int = 0
    until_n: int = 0
    eml_right: int = 0
    eml_n: int = 0
    eml_until_right: int = 0
    eml_until_n: int = 0

    def line(self) -> str:
        """The subset's figures on one line."""
        def frac(a: int, b: int) -> str:
            return f"{a / b:.3f} ({a}/{b})" if b else "-"
        return (f"bare {frac(self.bare_right, self.bare_n)} · in layouts {frac(self.wrapped_right, self.wrapped_n)}"
                f" · layout changed the label {self.layout_changed}x · unsubscribe missed {self.unsub_missed},"
                f" invented {self.unsub_invented} · until right {frac(self.until_right, self.until_n)}"
                f" · raw emails {frac(self.eml_right, self.eml_n)}, return date {frac(self.eml_until_right, self.eml_until_n)}")


def score(read: Callable[[str], object], read_eml: Callable[[bytes], object]) -> tuple[dict[str, Figures], list[str],
                                                                                        dict[str, list[int]]]:
    """Figures for 'tuning' and 'holdout', the misses as lines, and per-language [right, n] (all rows)."""
    figs = {"tuning": Figures(), "holdout": Figures()}
    misses: list[str] = []
    per_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    bare_label: dict[str, str] = {}
    for case in cases():
        got = read(case.text)
        label = str(got.label)
        f = figs["holdout" if case.holdout else "tuning"]
        right = label == case.label
        per_lang[case.lang][0] += right
        per_lang[case.lang][1] += 1
        if case.layout is None:
            bare_label[case.reply_id] = label
            f.bare_n += 1
            f.bare_right += right
        else:
            f.wrapped_n += 1
            f.wrapped_right += right
            f.layout_changed += label != bare_label.get(case.reply_id)
        f.unsub_missed += case.label == "unsubscribe" and label != "unsubscribe"
        f.unsub_invented += case.label != "unsubscribe" and label == "unsubscribe"
        if right and case.until:
            f.until_n += 1
            f.until_right += str(got.until) == case.until
        if not right or (case.until and str(got.until) != case.until):
            misses.append(f"  {'holdout ' if case.holdout else ''}{case.reply_id} [{case.layout or 'bare'}] "
                          f"{case.label} -> {label} until {got.until} (want {case.until}) {list(got.matched)[:2]}")
    for row in eml_cases():
        got = read_eml(row["raw"])
        f = figs["holdout" if row.get("holdout") else "tuning"]
        right = str(got.label) == row["label"]
        f.eml_n += 1
        f.eml_right += right
        if row.get("until"):
            f.eml_until_n += 1
            f.eml_until_right += right and str(got.until) == row["until"]
        if not right or (row.get("until") and str(got.until) != row["until"]):
            misses.append(f"  {'holdout ' if row.get('holdout') else ''}eml {row['file']}: {row['label']} -> "
                          f"{got.label} until {got.until} (want {row.get('until')})")
    return figs, misses, dict(per_lang)
