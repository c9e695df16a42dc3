"""The email-layout reply sets: bare replies, the layouts they are wrapped in, raw auto-replies.

Two sets, each a directory of bare.jsonl, layouts.json and eml/: tests/data/replies_mail (the
tuning set; its rows marked holdout were the first holdout, seen since 2026-12-02 and now
reported as "seen") and tests/data/replies_mail/fresh (the fresh holdout, written before it was
ever run). `cases()` yields every bare reply once bare and once inside each layout; `eml_cases()`
the raw .eml files. `score()` reads them with a reader (text -> Intent) and returns the figures
the bench prints, subset by subset.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
MAIL = ROOT / "tests" / "data" / "replies_mail"
FRESH = MAIL / "fresh"
FRESH2 = MAIL / "fresh2"  # the second fresh holdout, written blind on 2026-12-02
FRESH3 = MAIL / "fresh3"  # the third fresh holdout, written blind on 2026-12-02
FRESH4 = MAIL / "fresh4"  # the fourth fresh holdout, written blind on 2026-12-02
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
    subset: str = "tuning"


def _quote(text: str, depth: int = 1) -> str:
    prefix = "> " * depth
    return "\n".join((prefix + line).rstrip() for line in text.splitlines())


def bare_rows(where: Path = MAIL) -> list[dict]:
    """The bare replies, one dict per JSONL line."""
    with (where / "bare.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def layouts(where: Path = MAIL) -> tuple[dict[str, str], list[dict]]:
    """The quoted outreach texts (by language) and the layouts."""
    doc = json.loads((where / "layouts.json").read_text(encoding="utf-8"))
    return doc["outreach"], doc["layouts"]


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>\n")


def wrap(reply: str, layout: dict, outreach: dict[str, str]) -> str:
    """A reply as an email client lays it out: the reply, then the client's signature, header and quote."""
    body = outreach[layout["outreach"]]
    if layout.get("html"):  # an HTML body: the texts go in escaped, lines as <br>
        return layout["template"].format(reply=_html(reply), outreach=_html(body))
    return layout["template"].format(reply=reply, outreach=body, outreach_gt=_quote(body),
                                     outreach_gtgt=_quote(body, 2))


def _subset(row: dict, where: Path) -> str:
    if where == FRESH:
        return "fresh"
    if where == FRESH2:
        return "fresh2"
    if where == FRESH3:
        return "fresh3"
    if where == FRESH4:
        return "fresh4"
    return "seen" if row.get("holdout") else "tuning"


def cases(where: Path = MAIL) -> Iterable[Case]:
    """Every bare reply, bare and inside every layout."""
    outreach, lays = layouts(where)
    for row in bare_rows(where):
        common = dict(reply_id=row["id"], lang=row["lang"], label=row["label"], until=row.get("until"),
                      holdout=bool(row.get("holdout")), subset=_subset(row, where))
        yield Case(layout=None, text=row["text"], **common)
        for lay in lays:
            yield Case(layout=lay["name"], text=wrap(row["text"], lay, outreach), **common)


def eml_cases(where: Path = MAIL) -> list[dict]:
    """The raw emails: file name, label, until, holdout, subset, and the raw bytes."""
    with (where / "eml" / "index.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for r in rows:
        r["raw"] = (where / "eml" / r["file"]).read_bytes()
        r["subset"] = _subset(r, where)
    return rows


@dataclass
class Figures:
    """What one subset (tuning, seen or fresh) scored."""

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
    pasted_right: int = 0  # the same raw emails pasted as text (what /outreach reply gets)
    pasted_n: int = 0

    def line(self) -> str:
        """The subset's figures on one line."""
        def frac(a: int, b: int) -> str:
            return f"{a / b:.3f} ({a}/{b})" if b else "-"
        return (f"bare {frac(self.bare_right, self.bare_n)} · in layouts {frac(self.wrapped_right, self.wrapped_n)}"
                f" · layout changed the label {self.layout_changed}x · unsubscribe missed {self.unsub_missed},"
                f" invented {self.unsub_invented} · until right {frac(self.until_right, self.until_n)}"
                f" · raw emails {frac(self.eml_right, self.eml_n)}, return date {frac(self.eml_until_right, self.eml_until_n)}"
                f", pasted {frac(self.pasted_right, self.pasted_n)}")


SUBSETS = ("tuning", "seen", "fresh", "fresh2", "fresh3", "fresh4")


def score(read: Callable[[str], object], read_eml: Callable[[bytes], object], *,
          subsets: tuple[str, ...] = SUBSETS) -> tuple[dict[str, Figures], list[str], dict[str, dict[str, list[int]]]]:
    """Figures per subset, the misses as lines, and per subset and language [right, n].

    Subsets: "tuning" and "seen" (the first holdout, looked at since) from tests/data/replies_mail,
    "fresh" (the fresh holdout) from tests/data/replies_mail/fresh.
    """
    figs = {name: Figures() for name in subsets}
    misses: list[str] = []
    per_lang: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    bare_label: dict[str, str] = {}
    wheres = (([MAIL] if {"tuning", "seen"} & set(subsets) else []) + ([FRESH] if "fresh" in subsets else [])
              + ([FRESH2] if "fresh2" in subsets else []) + ([FRESH3] if "fresh3" in subsets else []) + ([FRESH4] if "fresh4" in subsets else []))
    all_cases = [c for where in wheres for c in cases(where) if c.subset in figs]
    for case in all_cases:
        got = read(case.text)
        label = str(got.label)
        f = figs[case.subset]
        right = label == case.label
        per_lang[case.subset][case.lang][0] += right
        per_lang[case.subset][case.lang][1] += 1
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
            misses.append(f"  {case.subset} {case.reply_id} [{case.layout or 'bare'}] "
                          f"{case.label} -> {label} until {got.until} (want {case.until}) {list(got.matched)[:2]}")
    rows = [r for where in wheres for r in eml_cases(where) if r["subset"] in figs]
    for row in rows:
        got = read_eml(row["raw"])
        f = figs[row["subset"]]
        right = str(got.label) == row["label"]
        f.eml_n += 1
        f.eml_right += right
        pasted = read(row["raw"].decode("utf-8", "replace"))
        f.pasted_n += 1
        f.pasted_right += str(pasted.label) == row["label"] and (
            not row.get("until") or str(pasted.until) == row["until"])
        if row.get("until"):
            f.eml_until_n += 1
            f.eml_until_right += right and str(got.until) == row["until"]
        if not right or (row.get("until") and str(got.until) != row["until"]):
            misses.append(f"  {row['subset']} eml {row['file']}: {row['label']} -> "
                          f"{got.label} until {got.until} (want {row.get('until')})")
        if str(pasted.label) != row["label"] or (row.get("until") and str(pasted.until) != row["until"]):
            misses.append(f"  {row['subset']} pasted {row['file']}: {row['label']} -> "
                          f"{pasted.label} until {pasted.until} (want {row.get('until')})")
    return figs, misses, dict(per_lang)
