"""The `hirebot` command: serve, socket, console, clock, tick, import, demo-data, migrate."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from bot.core.config import SettingError, get_settings
from bot.core.logs import setup_logging


def _settings():
    settings = get_settings()
    setup_logging(settings.log_level)
    return settings


def _parse_now(value: str | None) -> datetime:
    if not value:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO time; e.g. 2026-11-23T09:00:00+01:00") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hirebot")
def main() -> None:
    """Hirebot: the Slack bot for teams hiring machine-learning engineers."""
    get_settings()  # a wrong setting stops every command here, in one line, before its slow imports


@main.command()
def serve() -> None:
    """HTTP mode on $PORT: Slack at POST /slack/events, GET /healthz, OAuth at /slack/install."""
    from bot.core.db import Database  # lazy: CLI start-up time
    from bot.runtime.web import serve as run_server  # lazy: CLI start-up time

    settings = _settings()
    if not settings.oauth_enabled:
        settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", why="hirebot serve")
    else:
        from bot.core.crypto import cipher_from_settings  # lazy: CLI start-up time

        settings.require("SLACK_SIGNING_SECRET", why="hirebot serve")
        cipher_from_settings(settings)  # OAuth mode stores tokens encrypted: no key, no start
    Database(settings.database_url).dispose()  # migrate once here, before the workers fork
    run_server(settings)


@main.command()
def socket() -> None:
    """Socket Mode (needs SLACK_APP_TOKEN): no public URL, works behind a firewall."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler  # lazy: CLI start-up time

    from bot.runtime.app import build_app  # lazy: CLI start-up time

    settings = _settings()
    settings.require("SLACK_APP_TOKEN", "SLACK_BOT_TOKEN", why="hirebot socket")
    app = build_app(settings, verify_requests=False)  # Socket Mode traffic is authenticated by the app token
    SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()


@main.command()
@click.option("-c", "--command", "commands", multiple=True, help="Run this slash command and exit (repeatable).")
def console(commands: tuple[str, ...]) -> None:
    """Local mode without Slack: type /shortlist, /salary, ... and read the replies."""
    from bot.runtime.console import run  # lazy: CLI start-up time

    settings = get_settings()
    setup_logging("WARNING" if settings.log_level.upper() == "INFO" else settings.log_level)
    run(settings, list(commands) or None)


@main.command()
def migrate() -> None:
    """Apply database migrations (Alembic) to DATABASE_URL."""
    from bot.core.db import make_engine  # lazy: CLI start-up time
    from bot.core.db import migrate as run_migrations  # lazy: CLI start-up time

    settings = _settings()
    engine = make_engine(settings.database_url)
    run_migrations(engine)
    click.echo("database is at the newest migration")


def _services(settings):
    from bot.runtime.app import build_services  # lazy: CLI start-up time

    return build_services(settings)


@main.command()
def clock() -> None:
    """The scheduler process: digests, enrichment retries, sequence nudges, stage deadlines."""
    from bot.runtime.jobs import run_clock  # lazy: CLI start-up time

    run_clock(_services(_settings()))


@main.command()
@click.option("--now", "now_text", default=None, metavar="ISO-TIME",
              help="Pretend it is this moment, e.g. 2026-11-23T09:00:00+01:00 (default: now).")
def tick(now_text: str | None) -> None:
    """Run every job due at that moment once, then exit (safe to run twice)."""
    from bot.runtime.jobs import tick as run_tick  # lazy: CLI start-up time

    now = _parse_now(now_text)
    services = _services(_settings())
    totals = run_tick(services, now)
    services.background.shutdown()
    click.echo(f"tick {now.isoformat()}: " + (", ".join(f"{k} {v}" for k, v in sorted(totals.items())) or "nothing due"))


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--team", "team_id", default=None, help="Slack team id (default: the console team).")
@click.option("--no-enrich", is_flag=True, help="Do not look up public data now (the clock does it later).")
def import_cmd(file: Path, team_id: str | None, no_enrich: bool) -> None:
    """Import candidates from an ATS CSV export or JSONL profile snapshots."""
    from bot.candidates.importer import import_file  # lazy: CLI start-up time
    from bot.candidates.service import enrich_candidate  # lazy: CLI start-up time
    from bot.core.errors import UserError  # lazy: CLI start-up time

    settings = _settings()
    services = _services(settings)
    try:
        report = import_file(services, team_id=team_id or settings.console_team_id, path=file)
    except UserError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(report.summary())
    if report.enrich_ids and not no_enrich:
        click.echo(f"enriching {len(report.enrich_ids)} candidates from public sources...")
        for cid in report.enrich_ids:
            enrich_candidate(services, cid)
    services.background.shutdown()
    if report.errors and not (report.added or report.updated):
        sys.exit(1)


@main.command("demo-data")
@click.option("--team", "team_id", default=None, help="Slack team id (default: the console team).")
def demo_data(team_id: str | None) -> None:
    """Load the bundled FICTIONAL sample team: roles and about 40 made-up candidates."""
    from bot.candidates.importer import import_text  # lazy: CLI start-up time
    from bot.roles.service import ensure_default_roles  # lazy: CLI start-up time

    settings = _settings()
    services = _services(settings)
    team = team_id or settings.console_team_id
    with services.db.session() as session:
        restored = [r.slug for r in ensure_default_roles(session=session, team_id=team)]
    if restored:  # the demo candidates are scored for these roles: bring back any that were removed
        click.echo("Restored the default roles " + ", ".join(restored) + ".")
    text = (Path(__file__).with_name("data") / "demo.jsonl").read_text()
    report = import_text(services, team_id=team, text=text, kind="jsonl", source="demo-data (fictional)")
    services.background.shutdown()
    click.echo("Loaded the fictional sample team (every person in it is made up): " + report.summary())
    click.echo("Try: hirebot console, then /shortlist ml-engineer 5")


@main.command("import-salaries")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--team", "team_id", default=None, help="Slack team id (default: the console team).")
def import_salaries(file: Path, team_id: str | None) -> None:
    """Import the team's own offers or bands (CSV: role, level, location, base, bonus, equity, date)."""
    from bot.salary.service import store_offers  # lazy: CLI start-up time

    settings = _settings()
    services = _services(settings)
    click.echo(store_offers(services, team_id or settings.console_team_id, file.read_text(encoding="utf-8-sig")))
    services.background.shutdown()


@main.group("market-data")
def market_data() -> None:
    """The shipped market salary table (aijobs.net salary survey, CC0)."""


@market_data.command("rebuild")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the table (default: the one shipped in the package).")
def market_data_rebuild(file: Path, out: Path | None) -> None:
    """Rebuild the market salary table from a survey CSV (github.com/foorilla/ai-jobs-net-salaries)."""
    from bot.salary.market_build import rebuild  # lazy: CLI start-up time
    from scoring.salary.market_table import TABLE_PATH  # lazy: CLI start-up time

    try:
        click.echo(rebuild(file, out or TABLE_PATH))
    except (ValueError, KeyError) as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("rotate-key")
@click.option("--new-key", required=True, metavar="KEY",
              help="The new Fernet key (or - to read it from stdin, keeping it out of shell history).")
def rotate_key(new_key: str) -> None:
    """Re-encrypt every stored Slack token under a new key (the current one is read from HIREBOT_ENCRYPTION_KEY)."""
    from bot.core.crypto import (  # lazy: CLI start-up time
        KEY_VARIABLE,
        TokenCipher,
        TokenDecryptError,
        cipher_from_settings,
        split_keys,
    )
    from bot.core.db import Database  # lazy: CLI start-up time
    from bot.core.installations import rotate_tokens  # lazy: CLI start-up time

    settings = _settings()
    cipher_from_settings(settings, why="hirebot rotate-key (the current key, to decrypt the stored tokens)")
    if new_key == "-":
        new_key = sys.stdin.readline().strip()
    old_keys = split_keys(settings.encryption_key.get_secret_value())
    cipher = TokenCipher([new_key.strip(), *old_keys])
    db = Database(settings.database_url)
    try:
        changed = rotate_tokens(db.engine, cipher)
    except TokenDecryptError as exc:
        raise click.ClickException(f"{exc}; nothing was changed") from exc
    finally:
        db.dispose()
    click.echo(f"re-encrypted {changed} stored token values under the new key; now set {KEY_VARIABLE} to the new "
               "key (alone) for every process")


def run() -> None:
    """Entry point that turns a missing or wrong setting into a one-line message and exit code 2."""
    try:
        main()
    except SettingError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
