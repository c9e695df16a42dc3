"""Raw emails as pasted or uploaded (.eml): headers, the body as text, and the RFC 3834 auto-reply signals.

HTML bodies are turned into text with BeautifulSoup (the stdlib parser underneath, no lxml):
paragraphs and line breaks become new lines and <blockquote> becomes "> " lines, so the quote
splitter sees the history the way a plain-text client would have shown it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from bs4 import BeautifulSoup

# A pasted raw email starts with RFC 5322 header lines; these are the ones a mail client shows in "view source".
_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,60}:[ \t]?.*$")
_RAW_ONLY = re.compile(r"^(?:received|return-path|message-id|mime-version|content-type|delivered-to|dkim-signature|"
                       r"auto-submitted|x-[a-z0-9-]+|in-reply-to|references|precedence|authentication-results)\s*:",
                       re.IGNORECASE | re.MULTILINE)
_AUTO_SUBJECT = re.compile(
    r"^\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|out of (?:the )?office|ooo|abwesenheitsnotiz|"
    r"automatische antwort|abwesend|r[ée]ponse automatique|absent(?:e)?|respuesta autom[áa]tica|fuera de la oficina|"
    r"resposta autom[áa]tica|aus[êe]ncia|automatisch antwoord|afwezig|niet aanwezig)\b", re.IGNORECASE)
_BLOCKS = ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table")


@dataclass(frozen=True, slots=True)
class RawEmail:
    """What a raw email says about itself: who, the subject, the body as text, and why it is automatic (if it is)."""

    sender: str
    subject: str
    body: str
    auto_reply: str | None  # the header or subject that says it was sent automatically
    message_id: str | None = None
    in_reply_to: str | None = None


def looks_raw(text: str) -> bool:
    """Whether a pasted text is a whole email (headers, blank line, body) rather than only its body."""
    head = text.lstrip().split("\n\n", 1)[0].replace("\r", "")
    lines = [ln for ln in head.split("\n") if ln and not ln[0].isspace()]
    if len(lines) < 3 or not all(_HEADER_LINE.match(ln) for ln in lines[:3]):
        return False
    return bool(_RAW_ONLY.search(head)) and bool(re.search(r"^from\s*:", head, re.IGNORECASE | re.MULTILINE))


def html_to_text(html: str) -> str:
    """An HTML body as plain text: blocks on their own lines, blockquotes as '> ' lines, scripts and styles gone."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head", "title"]):
        tag.decompose()
    for quote in soup.find_all("blockquote"):
        inner = html_to_text(quote.decode_contents())
        quote.replace_with("\n" + "\n".join("> " + line for line in inner.split("\n")) + "\n")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text()
    text = re.sub(r"[ \t\xa0]+", " ", text)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _auto_reply_signal(msg: EmailMessage, subject: str) -> str | None:
    """RFC 3834 and the widespread vendor headers; X-Auto-Response-Suppress alone is not one (Outlook sets it widely)."""
    submitted = (msg.get("Auto-Submitted") or "").strip().lower()
    if submitted and submitted != "no":
        return f"Auto-Submitted: {submitted}"
    for header in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        if msg.get(header) is not None:
            return f"{header}: {str(msg.get(header)).strip()}"
    precedence = (msg.get("Precedence") or "").strip().lower()
    if precedence in {"auto_reply", "bulk", "junk"}:
        return f"Precedence: {precedence}"
    if _AUTO_SUBJECT.search(subject):
        return f"Subject: {subject}"
    return None


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset: keep what decodes
        content = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    if part.get_content_subtype() == "html":
        return html_to_text(content)
    return content


def parse_email(raw: bytes | str) -> RawEmail:
    """Parse a raw email (.eml bytes or pasted text) into sender, subject, text body and its auto-reply signal."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    msg = BytesParser(policy=policy.default).parsebytes(data.lstrip())
    subject = str(msg.get("Subject") or "")
    return RawEmail(sender=str(msg.get("From") or ""), subject=subject, body=_body(msg),
                    auto_reply=_auto_reply_signal(msg, subject), message_id=msg.get("Message-ID"),
                    in_reply_to=msg.get("In-Reply-To"))
