"""Read a reply the way it arrives: a pasted body, a pasted raw email or an uploaded .eml.

Only the new text is classified (scoring.reply_text sets the quoted history, signature, footers and
disclaimers aside); an email whose headers say it was sent automatically (RFC 3834) is an
out-of-office with its return date. Unsubscribe is the one label that acts forever, so it acts
on its own only when the new text asks to stop plainly; a weak or conflicted ask, or a stop cue
found only outside the new text, asks the owner to confirm with one click instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from bot.outreach.emails import RawEmail, html_to_text, looks_raw, parse_email
from scoring.intent import Intent, Label, classify
from scoring.reply_text import ReplyText, split_reply

# Below this confidence an unsubscribe read from the new text is confirmed by the owner first.
CONFIRM_BELOW = 0.8
# A pasted HTML body (view source, or a client that copies markup) is read as the text it shows.
_HTML = re.compile(r"<(?:html|body|div|p|br|blockquote|table|span)\b[^>]*>", re.IGNORECASE)
# A stop request that also reads as one of these is conflicted ("no need to unsubscribe me, I'm interested").
_CONFLICTING = {Label.INTERESTED, Label.COMPENSATION, Label.QUESTION}


@dataclass(frozen=True, slots=True)
class ReadReply:
    """A reply as read: the intent of its new text, the parts set aside, and whether unsubscribe needs a confirm."""

    intent: Intent
    parts: ReplyText
    email: RawEmail | None = None
    confirm_unsubscribe: str | None = None  # why the owner is asked, when they are

    @property
    def acts_as_unsubscribe(self) -> bool:
        """Unsubscribe that marks do-not-contact right away (no confirm needed)."""
        return self.intent.label is Label.UNSUBSCRIBE and self.confirm_unsubscribe is None


def _outside_cue(parts: ReplyText, today: date) -> str | None:
    """A stop request in the signature part (not in a disclaimer, not in the quoted history)."""
    for block in parts.signature.split("\n\n"):
        if not block.strip():
            continue
        outside = classify(block, today=today)
        if outside.label is Label.UNSUBSCRIBE:
            return outside.matched[0] if outside.matched else block[:60]
    return None


def _read(body: str, today: date, email: RawEmail | None) -> ReadReply:
    parts = split_reply(body)
    intent = classify(parts.new, today=today, auto_reply=email.auto_reply if email else None)
    why = None
    if intent.label is Label.UNSUBSCRIBE:
        conflicted = [str(lbl).replace("_", " ") for lbl in intent.also if lbl in _CONFLICTING]
        if conflicted:
            why = f"it also reads as {', '.join(conflicted)}"
        elif intent.confidence < CONFIRM_BELOW:
            why = f"only {intent.confidence:.0%} sure"
        if why:
            intent = replace(intent, next_step="Stop this sequence; mark them do-not-contact only if they asked to stop.")
    elif intent.label is not Label.OUT_OF_OFFICE:
        cue = _outside_cue(parts, today)
        if cue:
            why = f"“{cue}” sits below their message, not in it"
    return ReadReply(intent=intent, parts=parts, email=email, confirm_unsubscribe=why)


def read_reply(text: str, *, today: date) -> ReadReply:
    """Read a pasted reply: a raw email (headers and body) or just the text, new text only."""
    if looks_raw(text):
        email = parse_email(text)
        return _read(email.body, today, email)
    if len(_HTML.findall(text)) >= 2:
        text = html_to_text(text)
    return _read(text, today, None)


def read_eml(data: bytes, *, today: date) -> ReadReply:
    """Read an uploaded .eml file."""
    email = parse_email(data)
    return _read(email.body, today, email)
