"""An .eml file uploaded in the Log reply modal: ask Slack about it (files.info), then download it with the bot token.

The token goes only to Slack's own file hosts or to the host of the Web API the client talks to
(SLACK_API_URL, which the local Slack stand-in and the tests use); a file Slack will not hand over
(its sign-in page instead of the bytes, usually a missing files:read scope) is a clear message.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import httpx
from slack_sdk.errors import SlackApiError

from bot.core.errors import UserError

log = logging.getLogger(__name__)

MAX_EML_BYTES = 10 * 1024 * 1024  # an email with a few attachments; only its text is read
DOWNLOAD_TIMEOUT = 10.0
_SLACK_FILE_HOSTS = (".slack.com", ".slack-edge.com", ".slack-gov.com")
_EML_TYPES = {"eml", "email", "message"}


def uploaded_file_id(state_values: dict[str, Any], block_id: str = "eml", action_id: str = "eml_file") -> str | None:
    """The id of the first file in a view's file_input, or None (a malformed or empty value is none)."""
    block = state_values.get(block_id) if isinstance(state_values, dict) else None
    value = block.get(action_id) if isinstance(block, dict) else None
    files = value.get("files") if isinstance(value, dict) else None
    for f in files if isinstance(files, list) else []:
        fid = f.get("id") if isinstance(f, dict) else None
        if isinstance(fid, str) and 0 < len(fid) <= 40 and fid.isascii() and fid.isalnum():
            return fid
    return None


def _trusted(url: str, api_base: str) -> bool:
    host = urlsplit(url).hostname or ""
    return urlsplit(url).scheme in ("https", "http") and (
        host == (urlsplit(api_base).hostname or "") or host.endswith(_SLACK_FILE_HOSTS))


def fetch_eml(client: Any, file_id: str, *, max_bytes: int = MAX_EML_BYTES, timeout: float = DOWNLOAD_TIMEOUT) -> bytes:
    """The bytes of an uploaded .eml: files.info for its download URL, then a GET with the bot token."""
    try:
        info = client.files_info(file=file_id)["file"]
    except SlackApiError as exc:
        error = (exc.response or {}).get("error", "unknown")
        log.info("files.info for an uploaded reply failed: %s", error)
        if error == "missing_scope":
            raise UserError("Hirebot lacks the files:read scope here; reinstall the app to read uploaded emails, "
                            "or paste the email with `/outreach reply`.") from exc
        raise UserError(f"Slack would not show the uploaded file ({error}); upload it again or paste the email "
                        "with `/outreach reply`.") from exc
    name = str(info.get("name") or "the file")
    if not (name.lower().endswith(".eml") or str(info.get("filetype", "")).lower() in _EML_TYPES):
        raise UserError(f"*{name}* is not an .eml file. Save the email as a file (Outlook: *Save as*; Gmail: "
                        "*Download message*) and upload that, e.g. `reply.eml`.")
    if int(info.get("size") or 0) > max_bytes:
        raise UserError(f"*{name}* is over {max_bytes // (1024 * 1024)} MB; forward the email without its "
                        "attachments and upload that.")
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    if not _trusted(url, str(getattr(client, "base_url", ""))):
        log.warning("refusing to send the bot token to an uploaded file's host %r", urlsplit(url).hostname)
        raise UserError("Slack gave an unexpected address for the uploaded file; paste the email with "
                        "`/outreach reply` instead.")
    headers = {"Authorization": f"Bearer {client.token}"} if client.token else {}
    try:
        with httpx.stream("GET", url, headers=headers, timeout=timeout, follow_redirects=True) as resp:
            resp.raise_for_status()
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise UserError(f"*{name}* is over {max_bytes // (1024 * 1024)} MB; forward the email without "
                                    "its attachments and upload that.")
                chunks.append(chunk)
            html = "text/html" in resp.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        log.info("downloading an uploaded reply failed: %s", type(exc).__name__)
        raise UserError("Could not download the uploaded file from Slack; try again in a minute.") from exc
    data = b"".join(chunks)
    if html and data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise UserError("Slack sent its sign-in page instead of the file: Hirebot needs the files:read scope; "
                        "reinstall the app, or paste the email with `/outreach reply`.")
    return data
