"""The README and each command's help agree with the code: every command, subcommand, option and shell
command that exists is documented in both places, so a newcomer never meets an undocumented word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.ids import Command
from bot.runtime.cli import main
from bot.shortlist.query import FILTERS
from handlers import admin, candidates, digests, outreach
from handlers.usage import USAGE

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
ROUTERS = {Command.HIREBOT: admin.SUBCOMMANDS, Command.CANDIDATE: candidates.SUBCOMMANDS, Command.OUTREACH: outreach.SUBCOMMANDS}


def _help_text(command: Command) -> str:
    usage = USAGE[command]
    return " ".join([usage.summary, *(f"{a} {b}" for a, b in usage.forms), *usage.examples])


def _readme_rows(command: Command) -> str:
    """The README table rows about one slash command."""
    return "\n".join(line for line in README.splitlines() if line.startswith(f"| `{command}"))


@pytest.mark.parametrize("command", list(Command))
def test_every_command_has_help_and_a_readme_row(command):
    assert command in USAGE, f"no help for {command}"
    assert _readme_rows(command), f"no README row for {command}"


@pytest.mark.parametrize("command", list(ROUTERS))
def test_every_subcommand_is_in_the_help_and_the_readme(command):
    subs = ROUTERS[command]
    for name in subs:
        if name.endswith("s") and name[:-1] in subs:
            continue  # a plural alias (roles, sequences)
        assert re.search(rf"\b{name}\b", _help_text(command)), f"{command} {name} missing from its help"
        assert re.search(rf"\b{name}\b", _readme_rows(command)), f"{command} {name} missing from the README"


@pytest.mark.parametrize("command,options", [
    (Command.SHORTLIST, sorted(FILTERS - {"loc"})),
    (Command.HIREBOT, [*digests.OPTIONS, "weekends"]),
    (Command.CANDIDATE, list(candidates.DISCOVER_OPTIONS)),
])
def test_every_option_the_parser_reads_is_documented(command, options):
    for option in options:
        word = option if option == "weekends" else f"{option}:"
        assert word in _help_text(command), f"{command} help lacks {word}"
        assert word in _readme_rows(command), f"README's {command} rows lack {word}"


def test_every_shell_command_is_in_the_readme():
    for name in main.commands:
        assert f"| `hirebot {name}" in README, f"hirebot {name} is not in the README's shell command table"
