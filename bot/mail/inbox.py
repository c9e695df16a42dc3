"""Read a mailbox's INBOX for answers to sent steps only: incremental by UID, searched on the server.

The server is asked (UID SEARCH, above the last UID looked at) for messages whose In-Reply-To or
References carry a Hirebot Message-ID, delivery reports (bounces), or mail from someone a step was
sent to. Only those are downloaded, with BODY.PEEK[] so they stay unread; every other message is
never fetched. A changed UIDVALIDITY (the folder was rebuilt) restarts from the day of the oldest
step still waiting for an answer, and the Message-IDs already handled keep anything from counting twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from imapclient.exceptions import IMAPClientError

from bot.mail.compose import MARKER
from bot.mail.transport import MailboxConfig, MailLoginError, open_imap

FOLDER = "INBOX"
FETCH_BATCH = 50
MAX_SENDERS = 400  # FROM terms in one search; more recent recipients first


@dataclass(frozen=True)
class Fetched:
    """What one check found: the raw matching messages, and the UID state to remember."""

    messages: list[tuple[int, bytes]]
    uidvalidity: int
    last_uid: int


class InboxError(Exception):
    """The check could not complete (login, network, a dropped connection); nothing is remembered."""


def _any_of(terms: list[list[str]]) -> list[Any]:
    """IMAP search keys OR-ed together as a balanced tree (a long chain nests too deep for some servers)."""
    if len(terms) == 1:
        return terms[0]
    mid = len(terms) // 2
    return ["OR", _any_of(terms[:mid]), _any_of(terms[mid:])]


def criteria(senders: list[str]) -> list[Any]:
    """What marks a message as ours to read: a Hirebot Message-ID in its thread, a delivery report, a known sender."""
    terms: list[list[str]] = [["HEADER", "In-Reply-To", MARKER], ["HEADER", "References", MARKER],
                              ["HEADER", "Content-Type", "report"]]
    terms += [["FROM", s] for s in senders[:MAX_SENDERS]]
    return _any_of(terms)


def fetch_new(cfg: MailboxConfig, *, uidvalidity: int | None, last_uid: int | None, senders: list[str],
              since: date) -> Fetched:
    """The messages above `last_uid` that may answer a sent step; InboxError when the check fails."""
    try:
        client = open_imap(cfg)
    except MailLoginError as exc:
        raise InboxError(exc.message) from None
    try:
        info = client.select_folder(FOLDER, readonly=True)
        validity = int(info.get(b"UIDVALIDITY", 0))
        uidnext = int(info.get(b"UIDNEXT", 1))
        if uidvalidity == validity and last_uid is not None:
            if uidnext - 1 <= last_uid:
                return Fetched([], validity, last_uid)  # nothing arrived: no search at all
            wanted = ["UID", f"{last_uid + 1}:*", criteria(senders)]
        else:
            wanted = ["SINCE", since, criteria(senders)]
        uids = sorted(u for u in client.search(wanted) if last_uid is None or uidvalidity != validity or u > last_uid)
        found: list[tuple[int, bytes]] = []
        for i in range(0, len(uids), FETCH_BATCH):
            batch = uids[i:i + FETCH_BATCH]
            data = client.fetch(batch, ["BODY.PEEK[]"])
            found += [(uid, data[uid][b"BODY[]"]) for uid in batch if uid in data and b"BODY[]" in data[uid]]
        top = max([uidnext - 1, *uids]) if uids else uidnext - 1
        return Fetched(found, validity, top)
    except (OSError, IMAPClientError, EOFError) as exc:
        raise InboxError(f"the IMAP connection to {cfg.imap_host} failed mid-check ({type(exc).__name__})") from None
    finally:
        try:
            client.logout()
        except (OSError, IMAPClientError, EOFError):
            pass
