"""Engine, sessions and migrations: SQLite (WAL) by default, PostgreSQL in production."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.config import BadSetting

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def normalize_url(url: str) -> str:
    """Accept the URL forms platforms hand out (postgres://) and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and foreign keys."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        # hide_parameters: candidates' names and emails must not reach logs through SQL errors.
        engine = create_engine(url, echo=echo, hide_parameters=True,
                               connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, echo=echo, hide_parameters=True, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _alembic_config(engine: Engine):

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Apply Alembic migrations up to `revision` (PostgreSQL: under an advisory lock)."""

    cfg = _alembic_config(engine)
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # A migration that rebuilds a table (SQLite's only way to change one) drops the old copy:
            # with foreign keys on, that would cascade into every row referencing it. The pragma only
            # takes effect outside a transaction, so it is set before the migration's transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # Two processes starting at once (web + clock) must not migrate together.
                    conn.execute(text("SELECT pg_advisory_xact_lock(727274)"))
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                if sqlite:
                    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise RuntimeError(f"migration left rows pointing at missing rows: {problems[:5]}")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def needs_migration(engine: Engine) -> bool:
    """True when the database is not at the newest migration."""

    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return True
        return MigrationContext.configure(conn).get_current_revision() != head


import bot.core.versioning  # noqa: E402,F401  (registers the per-team data-version event)


class Database:
    """The engine plus a session factory; `session()` is a unit of work that commits on success."""

    def __init__(self, url: str, *, auto_migrate: bool = True):
        try:
            self.engine = make_engine(url)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise BadSetting("DATABASE_URL", "is not a database URL Hirebot can use: "
                             "use sqlite:///hirebot.db or postgresql://user:password@host/db") from exc
        shown = self.engine.url.render_as_string(hide_password=True)
        try:
            if auto_migrate and needs_migration(self.engine):
                log.info("migrating database %s", shown)
                migrate(self.engine)
        except (OperationalError, ModuleNotFoundError) as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:160]
            raise BadSetting("DATABASE_URL", f"cannot be opened ({shown}: {reason}); check that the folder exists "
                             "and is writable, or that the database server answers") from exc
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Open a session, commit when the block succeeds, roll back when it raises."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        """Close every pooled connection (before forking, and at exit)."""
        self.engine.dispose()
