"""Route `/command sub args...` to a function per subcommand, with `help` answered in the ack."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Callable

from bot.core.errors import UserError
from bot.core.text import split_args, wants_help
from handlers.help import help_message
from handlers.usage import USAGE

Run = Callable[..., dict[str, Any] | None]


@dataclass(frozen=True)
class Sub:
    """A subcommand: what runs, and who may run it (an access rule from handlers.access; no default)."""

    run: Run
    access: Callable[..., None]


def subcommand_router(command: str, subs: dict[str, Sub], *, overview: bool = False) -> Callable[..., None]:
    """A listener that acks `help`, checks the subcommand's access rule, runs it, and acks with what it returns."""

    def listener(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
        payload = body
        words = split_args(payload.get("text", ""))
        if wants_help(words):
            ack(**help_message(command, overview=overview))
            return
        name, args = words[0].lower(), words[1:]
        sub = subs.get(name)
        if sub is None:
            close = tuple(difflib.get_close_matches(name, list(subs), n=3, cutoff=0.5))
            raise UserError(f"`{command}` has no `{name}` subcommand. It knows: " + ", ".join(f"`{s}`" for s in subs) + ".",
                            suggestions=close, example=USAGE[command].examples[0])
        sub.access.check(payload, context, client, args)  # type: ignore[attr-defined]
        if args and wants_help(args) and args[0].lower() in {"help", "-h", "--help"}:
            ack(**help_message(command))
            return
        reply = sub.run(args=args, body=payload, context=context, client=client, respond=respond, ack=ack)
        if reply is not None:
            ack(**({"response_type": "ephemeral"} | reply))

    listener.__name__ = f"handle_{command.strip('/')}"
    return listener
