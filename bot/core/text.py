"""Reading what people type in Slack: Slack link forms, quoted phrases, `key:value` words, help words."""

from __future__ import annotations

import re

_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>")


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def unescape_slack(text: str) -> str:
    """Turn Slack's link form `<https://x|x>` into the bare URL and un-escape &amp; &lt; &gt;."""
    text = _LINK.sub(lambda m: m.group(1).removeprefix("mailto:"), text or "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_PLAIN = re.compile(r"[^ \t\r\n'\"\\]+")  # shlex's whitespace is exactly these four
_IN_DOUBLE = re.compile(r'[^"\\]+')
_SPACE = frozenset(" \t\r\n")
_SPECIAL = re.compile(r"['\"\\\\]")
_BLANKS = re.compile(r"[ \t\r\n]+")


def _posix_words(text: str) -> list[str]:
    """shlex.split's POSIX rules (quotes, backslash escapes) in one linear pass. shlex grows each word one
    character at a time by string concatenation: quadratic, minutes for a 1 MB word. ValueError on an open quote."""
    words: list[str] = []
    word: list[str] = []
    in_word, i, n = False, 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _SPACE:
            if in_word:
                words.append("".join(word))
                word, in_word = [], False
            i += 1
            continue
        in_word = True
        if ch == "'":
            end = text.find("'", i + 1)
            if end < 0:
                raise ValueError("No closing quotation")
            word.append(text[i + 1:end])
            i = end + 1
        elif ch == '"':
            i += 1
            while True:
                if i >= n:
                    raise ValueError("No closing quotation")
                if (m := _IN_DOUBLE.match(text, i)) is not None:
                    word.append(m.group())
                    i = m.end()
                elif text[i] == '"':
                    i += 1
                    break
                elif i + 1 < n and text[i + 1] in '"\\':  # inside double quotes only \" and \\ are escapes
                    word.append(text[i + 1])
                    i += 2
                else:
                    word.append("\\")
                    i += 1
        elif ch == "\\":
            if i + 1 >= n:
                raise ValueError("No escaped character")
            word.append(text[i + 1])
            i += 2
        else:
            m = _PLAIN.match(text, i)
            word.append(m.group())
            i = m.end()
    if in_word:
        words.append("".join(word))
    return words


def split_args(text: str) -> list[str]:
    """Split a command's text into words, keeping "quoted phrases" together (linear in the text's length)."""
    clean = unescape_slack(text).translate(_QUOTES).strip()
    if not _SPECIAL.search(clean):  # the usual command: no quotes or escapes, so plain words
        return [w for w in _BLANKS.split(clean) if w]
    try:
        return _posix_words(clean)
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
