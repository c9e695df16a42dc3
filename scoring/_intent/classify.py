"""classify(): the winning label by priority, its confidence, `until` / `referral`, and the next step."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from scoring._intent.dates import _find_dates, _return_date
from scoring._intent.labels import NOT_NOW_DEFAULT_DAYS, PRIORITY, Intent, Label, Referral
from scoring._intent.normalise import _lower_same_length, _normalise
from scoring._intent.referral import _extract_referral
from scoring._intent.rules import _collect, _Hit


def _next_step(label: Label, until: date | None, referral: Referral | None, *, understood: bool = True) -> str:
    if not understood:
        return "Unclear reply: keep the conversation open and ask the owner to read and answer it."
    if label is Label.INTERESTED:
        return "Stop the sequence, move to 'replied' and suggest times to talk."
    if label is Label.QUESTION:
        return "Keep the conversation open and remind the owner to answer the question."
    if label is Label.COMPENSATION:
        return "Stop the sequence and answer with the /salary benchmark for the role."
    if label is Label.NOT_NOW:
        return f"Stop the sequence and re-engage on {until:%a %d %b %Y}."
    if label is Label.NOT_INTERESTED:
        return "Stop the sequence; thank them and close."
    if label is Label.REFERRAL:
        ref = referral or Referral()
        who = " ".join(p for p in (ref.name, f"({ref.candidate_ref})" if ref.candidate_ref else None) if p)
        if who:
            return f"Stop the sequence and add {who} as a new candidate, referred by this one."
        return "Stop the sequence; ask who they recommend, then add that person as a new candidate."
    if label is Label.UNSUBSCRIBE:
        return "Stop everything and mark the candidate do-not-contact."
    if until:
        return f"Keep the sequence; move the next step past the return date ({until:%a %d %b %Y})."
    return "Keep the sequence; no return date found, so move the next step back a week."


def classify(text: str, *, today: date, auto_reply: str | None = None, label: Label | str | None = None) -> Intent:
    """Label a reply by its rules, an auto-reply header or the owner's correction (`label`), with the next step."""
    if isinstance(today, datetime):
        today = today.date()
    norm = _normalise(text)
    low = _lower_same_length(norm)
    dates = _find_dates(low, today)
    hits = _collect(low, norm, dates, today)

    corrected = label is not None
    if label is not None:
        # The owner's correction: their label, sure, and the dates/referral read for that label.
        label = Label(label)
        confidence, matched = 1.0, ("changed by the owner",)
        also = tuple(lbl for lbl in PRIORITY if lbl in {h.label for h in hits} and lbl is not label)
    elif auto_reply:
        # RFC 3834: the mail system says nobody wrote this, so whatever the body says is boilerplate.
        others = {h.label for h in hits} - {Label.OUT_OF_OFFICE}
        label = Label.OUT_OF_OFFICE
        confidence = 0.97
        matched = tuple(dict.fromkeys([auto_reply] + [h.phrase for h in hits if h.label is label and h.phrase]))[:4]
        also = tuple(lbl for lbl in PRIORITY if lbl in others)
    elif not hits:
        label = Label.QUESTION
        confidence, matched, also = 0.25, (), ()
    else:
        by_label: dict[Label, list[_Hit]] = {}
        for h in hits:
            by_label.setdefault(h.label, []).append(h)
        label = next(lbl for lbl in PRIORITY if lbl in by_label)
        mine = sorted(by_label[label], key=lambda h: (-h.weight, h.start))
        miss = 1.0
        for h in mine:
            miss *= 1 - h.weight
        also = tuple(lbl for lbl in PRIORITY if lbl in by_label and lbl is not label)
        confidence = min(0.97, max(0.35, 1 - miss - 0.05 * len(also)))
        matched = tuple(dict.fromkeys(h.phrase for h in mine if h.phrase))[:4]

    until: date | None = None
    referral: Referral | None = None
    understood = bool(hits) or bool(auto_reply) or corrected
    if label is Label.OUT_OF_OFFICE:
        until = _return_date(low, dates)
    elif label is Label.NOT_NOW:
        future = [d.when for d in dates if d.when > today]
        until = max(future) if future else today + timedelta(days=NOT_NOW_DEFAULT_DAYS)
    elif label is Label.REFERRAL:
        referral = _extract_referral(norm)
    return Intent(label=label, confidence=round(confidence, 2), matched=matched,
                  next_step=_next_step(label, until, referral, understood=understood),
                  until=until, referral=referral, also=also)
