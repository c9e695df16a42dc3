"""Finding 11: reading a command's words is linear in its length (shlex was quadratic: minutes for a 1 MB word)."""

from __future__ import annotations

import random
import shlex
import time

from bot.core.text import split_args


def test_a_one_megabyte_word_is_split_in_well_under_a_second():
    for text in ("a" * 1_000_000, '"' + "a " * 500_000 + '"', "x:" + "\\a" * 300_000, "'" + "b" * 1_000_000):
        started = time.monotonic()
        split_args(text)
        assert time.monotonic() - started < 1.0


def test_words_are_read_exactly_as_shlex_reads_them():
    rng = random.Random(14)
    alphabet = "ab \"\\' \t:x\n\u00a0"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        try:
            expected = shlex.split(text.strip())
        except ValueError:
            expected = text.strip().replace('"', " ").split()
        assert split_args(text) == expected, repr(text)


def test_a_huge_command_is_answered_within_slacks_three_seconds(sender):
    started = time.monotonic()
    reply = sender.command("/candidate", "add " + "a" * 900_000)
    assert reply.status_code == 200 and time.monotonic() - started < 3
