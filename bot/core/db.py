"""Engine, sessions and migrations: SQLite (WAL) by default, PostgreSQL in production."""

from __future__ import annotations

import contextvars
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.config import BadSetting
from bot.core.errors import UserError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# How long a database lock may hold up a session, in seconds. A Slack request must be answered within 3 s, so
# request paths (set by `request_path()`) wait briefly and answer "busy"; jobs and the background pool wait long.
REQUEST_WAIT = 2.0
JOB_WAIT = 30.0
_on_request_path: contextvars.ContextVar[bool] = contextvars.ContextVar("hirebot_request_path", default=False)
# SQLSTATEs of a wait cut short: lock_not_available, query_canceled (statement_timeout); SQLite says "locked".
_BUSY_SQLSTATES = {"55P03", "57014"}


class DatabaseBusy(UserError):
    """Another writer holds a lock longer than a request may wait; nothing was saved, try again."""


class StorageLost(UserError):
    """The database file was deleted, replaced or made read-only under the running process."""


@contextmanager
def request_path() -> Iterator[None]:
    """Within this block (one Slack request), sessions wait at most REQUEST_WAIT for a lock."""
    token = _on_request_path.set(True)
    try:
        yield
    finally:
        _on_request_path.reset(token)


def busy_or_lost(exc: BaseException) -> UserError | None:
    """The reply for a database error people can act on (busy, read-only, gone), or None for a real bug."""
    if not isinstance(exc, (OperationalError, DBAPIError)):
        return None
    orig = getattr(exc, "orig", None)
    state = getattr(orig, "sqlstate", None) or getattr(getattr(orig, "diag", None), "sqlstate", None)
    message = str(orig or exc).lower()
    if state in _BUSY_SQLSTATES or "database is locked" in message or "database table is locked" in message:
        return DatabaseBusy("Hirebot's database is busy right now (another change is being saved). "
                            "Nothing was changed: try again in a moment.")
    if "readonly database" in message or "disk i/o error" in message or "unable to open database" in message:
        return StorageLost("Hirebot cannot write to its database file, so nothing was saved. "
                           "Tell whoever runs Hirebot: the database file is read-only or missing.")
    return None


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
                               connect_args={"check_same_thread": False, "timeout": JOB_WAIT})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(JOB_WAIT * 1000)}")
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


def _sqlite_file(engine: Engine) -> Path | None:
    """The file behind a SQLite engine (None for PostgreSQL and in-memory SQLite)."""
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        return None
    return Path(engine.url.database).resolve()


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


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
        self.request_wait, self.job_wait = REQUEST_WAIT, JOB_WAIT
        event.listen(self.sessions, "after_begin", self._set_wait)
        self._file = _sqlite_file(self.engine)
        self._identity = _file_identity(self._file) if self._file else None

    def _set_wait(self, _session: Session, _transaction: Any, connection: Any) -> None:
        """Each transaction waits for locks as long as its caller may: briefly on a request path."""
        wait = self.request_wait if _on_request_path.get() else self.job_wait
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA busy_timeout={int(wait * 1000)}")
        elif connection.dialect.name == "postgresql":
            ms = int(wait * 1000)
            # lock_timeout bounds a wait for a row or table lock; statement_timeout bounds the rest
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {ms}")
            connection.exec_driver_sql(f"SET LOCAL statement_timeout = {ms + 500 if _on_request_path.get() else 0}")

    def check_storage(self) -> None:
        """Raise StorageLost when the SQLite file this process opened is gone or was replaced (writes would vanish)."""
        if self._file is None:
            return
        if self._identity is None:  # not created yet when this process started: the first one seen is ours
            self._identity = _file_identity(self._file)
            return
        if _file_identity(self._file) != self._identity:
            log.error("database file %s was deleted or replaced while Hirebot was running; restart it", self._file)
            raise StorageLost("Hirebot's database file was deleted or replaced while it was running, so nothing "
                              "can be saved. Tell whoever runs Hirebot to restore the file and restart it.")
        if not os.access(self._file, os.W_OK):
            raise StorageLost("Hirebot cannot write to its database file, so nothing was saved. "
                              "Tell whoever runs Hirebot: the file is read-only.")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Open a session, commit when the block succeeds, roll back when it raises; refuse a lost SQLite file."""
        self.check_storage()
        with self.sessions() as session:
            try:
                yield session
                self.check_storage()  # the file may have gone while this session ran: do not report a save
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def checkpoint(self) -> None:
        """SQLite: copy the WAL into the database file and truncate it, so erased rows leave the disk now."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        """Close every pooled connection (before forking, and at exit)."""
        self.engine.dispose()
