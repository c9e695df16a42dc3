"""Measure the reply-intent rules against tests/data/replies.jsonl.

Run from the repository root: `python bench/intent_accuracy.py [--today YYYY-MM-DD]`.
Prints a per-intent table (n, precision, recall, accuracy) for the full set and for the
holdout rows (written as hard cases and not looked at while the rules were tuned), the
accuracy of the extracted `until` dates and referrals, and every miss.

Then the email sets (see bench/_mail_set.py): bare replies in six languages, each also inside
real email layouts, and raw auto-reply .eml files, read as uploaded and as pasted. Three lines
apart: "tuning", "seen" (the first holdout, looked at on 2026-12-02 and so no longer blind) and
"fresh" (the fresh holdout, tests/data/replies_mail/fresh, never tuned on). `--raw` reads those
texts whole with the classifier alone (how pasted replies were read before issue 12).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._mail_set import MAIL_TODAY, score  # noqa: E402
from bot.outreach.replies import read_eml, read_reply  # noqa: E402
from scoring.intent import PRIORITY, Intent, classify  # noqa: E402

DATA = ROOT / "tests" / "data" / "replies.jsonl"
# The day the replies in the data set are read on; their expected dates are relative to it.
REFERENCE_TODAY = date(2026, 11, 20)


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled reply and what the classifier made of it."""

    line: int
    example: dict
    got: Intent

    @property
    def correct(self) -> bool:
        """The label matches."""
        return self.got.label == self.example["label"]


def load(path: Path = DATA) -> list[dict]:
    """The labelled replies, one dict per JSONL line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run(examples: list[dict], today: date = REFERENCE_TODAY) -> list[Row]:
    """Classify every example."""
    return [Row(i, ex, classify(ex["text"], today=today)) for i, ex in enumerate(examples, start=1)]


def per_intent(rows: list[Row]) -> dict[str, dict[str, float]]:
    """n, precision, recall and one-vs-rest accuracy for each label."""
    out: dict[str, dict[str, float]] = {}
    total = len(rows)
    for label in PRIORITY:
        tp = sum(1 for r in rows if r.example["label"] == label and r.got.label == label)
        fp = sum(1 for r in rows if r.example["label"] != label and r.got.label == label)
        fn = sum(1 for r in rows if r.example["label"] == label and r.got.label != label)
        n = tp + fn
        tn = total - tp - fp - fn
        out[str(label)] = {
            "n": n,
            "precision": tp / (tp + fp) if tp + fp else float("nan"),
            "recall": tp / n if n else float("nan"),
            "accuracy": (tp + tn) / total if total else float("nan"),
        }
    return out


def field_scores(rows: list[Row]) -> tuple[tuple[int, int], tuple[int, int]]:
    """(right, checked) for `until` dates and for referrals, on rows whose label was right."""
    until = [r for r in rows if r.correct and "until" in r.example]
    refs = [r for r in rows if r.correct and r.example.get("referral") is not None]
    u_ok = sum(1 for r in until if str(r.got.until) == r.example["until"])
    r_ok = 0
    for r in refs:
        want, got = r.example["referral"], r.got.referral
        if got and (got.name, got.handle, got.kind) == (want.get("name"), want.get("handle"), want.get("kind")):
            r_ok += 1
    return (u_ok, len(until)), (r_ok, len(refs))


def _fmt(x: float) -> str:
    return "  -  " if x != x else f"{x:5.2f}"


def table(title: str, rows: list[Row]) -> str:
    """The per-intent table for a set of rows, as text."""
    stats = per_intent(rows)
    right = sum(r.correct for r in rows)
    lines = [f"{title}: {right}/{len(rows)} correct, accuracy {right / len(rows):.3f}" if rows else f"{title}: empty",
             f"  {'intent':<15} {'n':>3}  {'prec':>5}  {'recall':>6}  {'acc':>5}"]
    for label, s in stats.items():
        lines.append(f"  {label:<15} {s['n']:>3}  {_fmt(s['precision'])}  {_fmt(s['recall']):>6}  {_fmt(s['accuracy'])}")
    (u_ok, u_n), (r_ok, r_n) = field_scores(rows)
    lines.append(f"  until dates right: {u_ok}/{u_n}   referrals right: {r_ok}/{r_n}  (on correctly labelled rows)")
    return "\n".join(lines)


def misses(rows: list[Row]) -> str:
    """A confusion list: wrong labels, then right labels with a wrong extracted field."""
    out = []
    for r in rows:
        tag = "holdout " if r.example.get("holdout") else ""
        if not r.correct:
            out.append(f"  line {r.line:>3} {tag}{r.example['label']} -> {r.got.label}"
                       f" (conf {r.got.confidence}, matched {list(r.got.matched)})\n      {r.example['text']!r}")
            continue
        if "until" in r.example and str(r.got.until) != r.example["until"]:
            out.append(f"  line {r.line:>3} {tag}{r.example['label']}: until {r.got.until} != {r.example['until']}"
                       f"\n      {r.example['text']!r}")
        want = r.example.get("referral")
        got = r.got.referral
        if want is not None and got and (got.name, got.handle, got.kind) != (want.get("name"), want.get("handle"), want.get("kind")):
            out.append(f"  line {r.line:>3} {tag}referral: got {got.name!r}/{got.handle!r}/{got.kind!r},"
                       f" want {want.get('name')!r}/{want.get('handle')!r}/{want.get('kind')!r}\n      {r.example['text']!r}")
    return "\n".join(out) if out else "  none"


def main(argv: list[str] | None = None) -> int:
    """Print the tables and the misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=date.fromisoformat, default=REFERENCE_TODAY,
                        help="reference day the expected dates were written for (default %(default)s)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--raw", action="store_true", help="email set: classify the whole pasted text")
    parser.add_argument("--misses", action="store_true", help="email set: list every miss")
    args = parser.parse_args(argv)
    rows = run(load(args.data), args.today)
    holdout = [r for r in rows if r.example.get("holdout")]
    print(table("Full set", rows))
    print()
    print(table("Holdout", holdout))
    print()
    print("Misses:")
    print(misses(rows))
    print()
    mail_report(raw=args.raw, show_misses=args.misses)
    return 0


def _read_whole(text: str) -> Intent:
    return classify(text, today=MAIL_TODAY)


def _read_whole_eml(raw: bytes) -> Intent:
    return classify(raw.decode("utf-8", "replace"), today=MAIL_TODAY)


def _read_new_text(text: str) -> Intent:
    return read_reply(text, today=MAIL_TODAY).intent


def _read_new_text_eml(raw: bytes) -> Intent:
    return read_eml(raw, today=MAIL_TODAY).intent


def mail_report(*, raw: bool = False, show_misses: bool = False) -> None:
    """Print the email-set figures (tuning and holdout apart) and, on request, its misses."""
    if raw:
        figs, missed, per_lang = score(_read_whole, _read_whole_eml)
        how = "classifier on the whole pasted text"
    else:
        figs, missed, per_lang = score(_read_new_text, _read_new_text_eml)
        how = "new text only, raw emails parsed, RFC 3834 headers read"
    print(f"Email sets ({how}), read on {MAIL_TODAY}:")
    for name, f in figs.items():
        print(f"  {name:<8} {f.line()}")
    for name, langs in per_lang.items():
        print(f"  {name} by language (bare + layouts): "
              + ", ".join(f"{k} {r / n:.2f}" for k, (r, n) in sorted(langs.items())))
    if show_misses:
        print(f"Email-set misses ({len(missed)}):")
        print("\n".join(missed) or "  none")


if __name__ == "__main__":
    raise SystemExit(main())
