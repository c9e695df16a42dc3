"""Delivery status notifications (RFC 3464): which address failed for good, why, and which email it was."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

from bot.mail.compose import clean_address


@dataclass(frozen=True)
class Bounce:
    """A permanent failure: the address, the status code, the server's words, the bounced Message-ID if quoted."""

    address: str
    status: str
    reason: str
    original_message_id: str | None


def _field(block: Message, name: str) -> str:
    return str(block.get(name) or "").strip()


def read_bounce(msg: Message) -> Bounce | None:
    """The permanent failure a `multipart/report; report-type=delivery-status` reports; None for anything else."""
    if msg.get_content_type() != "multipart/report" or msg.get_param("report-type", "").lower() != "delivery-status":
        return None
    failed: Bounce | None = None
    original = None
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/delivery-status":
            groups = part.get_payload()
            for block in groups[1:] if isinstance(groups, list) else []:
                action, status = _field(block, "Action").lower(), _field(block, "Status")
                if action != "failed" and not status.startswith("5"):
                    continue  # delayed or relayed: not a bounce yet
                address = clean_address(_field(block, "Final-Recipient").partition(";")[2] or
                                        _field(block, "Original-Recipient").partition(";")[2])
                reason = re.sub(r"\s+", " ", _field(block, "Diagnostic-Code").partition(";")[2] or status)[:300]
                if address and failed is None:
                    failed = Bounce(address, status, reason.strip(), None)
        elif ctype in ("text/rfc822-headers", "message/rfc822"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                original = payload[0].get("Message-ID")
            elif isinstance(payload, str):
                m = re.search(r"^Message-ID:\s*(<[^>]+>)", payload, re.IGNORECASE | re.MULTILINE)
                original = m.group(1) if m else None
    if failed is None:
        return None
    return Bounce(failed.address, failed.status, failed.reason, str(original).strip() if original else None)
