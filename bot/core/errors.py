"""Typed errors: raised anywhere below a handler, turned into a reply by one error handler."""

from __future__ import annotations


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
        return "\n".join(parts)


class NotPermitted(UserError):
    """The caller (or this channel) may not see or do this."""


class NotFound(UserError):
    """The candidate, role or thing named does not exist in this team."""


class SourceUnavailableError(HirebotError):
    """A public data source is down or out of budget; the work is retried later."""
