"""Typed errors: raised anywhere below a handler, turned into a reply by one error handler."""

from __future__ import annotations

import re

# Markup Hirebot itself puts in replies: channel and user references and dates. Anything else between
# < and > came from what someone typed (an @channel broadcast, a user group ping, a disguised link).
_OWN_MARKUP = re.compile(r"#[CGD][A-Z0-9]{2,20}(\|[^<>|]{0,80})?|@[UWB][A-Z0-9]{2,20}(\|[^<>|]{0,80})?|!date\^[^<>]{1,200}")
_TAG = re.compile(r"<([^<>]*)>")
_UNCLOSED = re.compile(r"<!(?![^<>]*>)")


def neutralise_markup(text: str) -> str:
    """Escape every `<...>` Slack would act on (broadcasts, group pings, links) unless it is Hirebot's own."""
    text = _TAG.sub(lambda m: m.group(0) if _OWN_MARKUP.fullmatch(m.group(1)) else f"&lt;{m.group(1)}&gt;", text)
    return _UNCLOSED.sub("&lt;!", text)  # an unclosed `<!channel` is still not worth the risk


class HirebotError(Exception):
    """Base class for errors Hirebot knows how to explain."""


class UserError(HirebotError):
    """Something the user typed or clicked that cannot be done; the message says why, with an example."""

    def __init__(self, message: str, *, example: str | None = None, suggestions: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.example = example
        self.suggestions = suggestions

    def as_text(self) -> str:
        """The ephemeral reply: what was wrong, the closest options, a correct example."""
        parts = [f":warning: {self.message}"]
        if self.suggestions:
            parts.append("Did you mean " + ", ".join(f"`{s}`" for s in self.suggestions[:5]) + "?")
        if self.example:
            parts.append(f"Example: `{self.example}`")
        return neutralise_markup("\n".join(parts))


class NotPermitted(UserError):
    """The caller (or this channel) may not see or do this."""


class NotFound(UserError):
    """The candidate, role or thing named does not exist in this team."""


class SourceUnavailableError(HirebotError):
    """A public data source is down or out of budget; the work is retried later."""
