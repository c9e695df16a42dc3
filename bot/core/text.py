"""Reading what people type in Slack: Slack link forms, quoted phrases, `key:value` words, help words."""

from __future__ import annotations

import re
import shlex

_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>")


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def unescape_slack(text: str) -> str:
    """Turn Slack's link form `<https://x|x>` into the bare URL and un-escape &amp; &lt; &gt;."""
    text = _LINK.sub(lambda m: m.group(1).removeprefix("mailto:"), text or "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def split_args(text: str) -> list[str]:
    """Split a command's text into words, keeping "quoted phrases" together."""
    clean = unescape_slack(text).translate(_QUOTES).strip()
    try:
        return shlex.split(clean)
    except ValueError:  # an unbalanced quote: fall back to plain words rather than refuse
        return clean.replace('"', " ").split()


def key_values(words: list[str], keys: set[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Separate `key:value` words whose key is in `keys` from the positional words."""
    positional: list[str] = []
    named: dict[str, list[str]] = {}
    for word in words:
        key, sep, value = word.partition(":")
        if sep and key.lower() in keys and value:
            named.setdefault(key.lower(), []).append(value)
        else:
            positional.append(word)
    return positional, named


def wants_help(words: list[str]) -> bool:
    """True for an empty command or `help`, `-h`, `--help`, `?`."""
    return not words or words[0].lower() in {"help", "-h", "--help", "?"}
