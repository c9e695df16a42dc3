"""Many workspaces: the OAuth install flow, tokens encrypted at rest, key rotation, and workspaces leaving.

A workspace arrives through `/slack/install` -> Slack -> `/slack/oauth_redirect`; Bolt's
SQLAlchemy stores keep the installation and the OAuth state on Hirebot's own database (tables
from migration 0002), and every token passes through `EncryptedInstallationStore`, so the
database only ever holds Fernet ciphertext. A workspace leaves with `app_uninstalled` (or its bot
token revoked): its tokens go at once, its data at once or after
HIREBOT_RETENTION_DAYS_AFTER_UNINSTALL days (`purge_uninstalled`, run by the clock).
"""

from __future__ import annotations

import copy
import logging
from datetime import datetime, timedelta
from typing import Any, Iterable

from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Column, Engine, MetaData, String, Table, and_, delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core.config import Settings
from bot.core.crypto import TokenCipher, cipher_from_settings
from bot.core.models import UTCDateTime
from bot.core.services import Services
from bot.core.slack import make_client

log = logging.getLogger(__name__)

# The bot scopes manifest.yml asks for (a test keeps the two lists equal).
BOT_SCOPES = ("commands", "chat:write", "chat:write.public", "im:write", "im:history", "users:read", "channels:read",
              "channels:history", "groups:read", "groups:history", "files:write", "files:read", "usergroups:read")
TOKEN_ROTATION_MINUTES = 120  # refresh a rotating token this long before it expires (Bolt's default)
STATE_EXPIRATION_SECONDS = 600
INSTALLATION_SECRETS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token", "incoming_webhook_url")
BOT_SECRETS = ("bot_token", "bot_refresh_token")
EVENT_MEMORY = timedelta(days=1)  # Slack retries an event for minutes; a day of ids is plenty

_slack_metadata = MetaData()
INSTALLATIONS = SQLAlchemyInstallationStore.build_installations_table(_slack_metadata, "slack_installations")
BOTS = SQLAlchemyInstallationStore.build_bots_table(_slack_metadata, "slack_bots")
PROCESSED_EVENTS = Table(
    "processed_events", _slack_metadata,
    Column("event_id", String(64), primary_key=True),
    Column("team_id", String(32), index=True),
    Column("received_at", UTCDateTime(timezone=True), nullable=False, index=True),
)


# -- the encrypted installation store ---------------------------------------------------------------
class EncryptedInstallationStore(InstallationStore):
    """SQLAlchemyInstallationStore with every token encrypted before save and decrypted on find."""

    def __init__(self, inner: SQLAlchemyInstallationStore, cipher: TokenCipher):
        self.inner = inner
        self.cipher = cipher

    @property
    def client_id(self) -> str:
        """The Slack app's client id the rows are filed under."""
        return self.inner.client_id

    @property
    def logger(self) -> logging.Logger:
        """The inner store's logger."""
        return self.inner.logger

    def _apply(self, obj: Any, fields: Iterable[str], fn: Any) -> Any:
        out = copy.copy(obj)  # never change the caller's object: Bolt keeps using it
        for name in fields:
            setattr(out, name, fn(getattr(out, name)))
        return out

    def save(self, installation: Installation) -> None:
        """Encrypt the tokens, then store the installation and its bot."""
        # The inner save also saves installation.to_bot() from the already-encrypted copy.
        self.inner.save(self._apply(installation, INSTALLATION_SECRETS, self.cipher.encrypt))

    def save_bot(self, bot: Bot) -> None:
        """Encrypt the bot tokens, then store the bot."""
        self.inner.save_bot(self._apply(bot, BOT_SECRETS, self.cipher.encrypt))

    def find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                 is_enterprise_install: bool | None = False) -> Bot | None:
        """The latest bot of a workspace, tokens decrypted."""
        # Slack sends enterprise_id "" outside Enterprise Grid; the rows hold NULL.
        bot = self.inner.find_bot(enterprise_id=enterprise_id or None, team_id=team_id or None,
                                  is_enterprise_install=is_enterprise_install)
        return None if bot is None else self._apply(bot, BOT_SECRETS, self.cipher.decrypt)

    def find_installation(self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None,
                          is_enterprise_install: bool | None = False) -> Installation | None:
        """The latest installation of a workspace (or of one user in it), tokens decrypted."""
        found = self.inner.find_installation(enterprise_id=enterprise_id or None, team_id=team_id or None,
                                             user_id=user_id, is_enterprise_install=is_enterprise_install)
        return None if found is None else self._apply(found, INSTALLATION_SECRETS, self.cipher.decrypt)

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """Delete a workspace's bot rows."""
        self.inner.delete_bot(enterprise_id=enterprise_id or None, team_id=team_id or None)

    def delete_installation(self, *, enterprise_id: str | None, team_id: str | None,
                            user_id: str | None = None) -> None:
        """Delete a workspace's installation rows (or one user's)."""
        self.inner.delete_installation(enterprise_id=enterprise_id or None, team_id=team_id or None,
                                       user_id=user_id)


def installation_store(settings: Settings, engine: Engine,
                       cipher: TokenCipher | None = None) -> EncryptedInstallationStore:
    """The encrypted installation store on Hirebot's database (tables from migration 0002)."""
    inner = SQLAlchemyInstallationStore(client_id=settings.slack_client_id or "", engine=engine,
                                        logger=logging.getLogger("hirebot.installations"))
    return EncryptedInstallationStore(inner, cipher or cipher_from_settings(settings))


def installation_store_for(services: Services) -> EncryptedInstallationStore:
    """The services' installation store (made once per process)."""
    store = services.extras.get("installation_store")
    if store is None:
        store = services.extras["installation_store"] = installation_store(services.settings, services.db.engine)
    return store


def installed_bot_token(services: Services, team_id: str) -> str | None:
    """The team's bot token for work outside a Slack request (the clock), refreshed first when it rotates and
    is about to expire; None when the team has no installation."""
    settings = services.settings
    store = installation_store_for(services)
    with services.db.engine.connect() as conn:
        enterprise_id = conn.scalar(select(INSTALLATIONS.c.enterprise_id).where(INSTALLATIONS.c.team_id == team_id)
                                    .order_by(INSTALLATIONS.c.installed_at.desc()).limit(1))
    installation = store.find_installation(enterprise_id=enterprise_id, team_id=team_id)
    if installation is None or not installation.bot_token:
        return None
    if installation.bot_refresh_token or installation.user_refresh_token:
        rotator = TokenRotator(client_id=settings.slack_client_id or "", client=make_client(settings),
                               client_secret=settings.slack_client_secret.get_secret_value())
        refreshed = rotator.perform_token_rotation(installation=installation,
                                                   minutes_before_expiration=TOKEN_ROTATION_MINUTES)
        if refreshed is not None:
            store.save(refreshed)
            installation = refreshed
    return installation.bot_token


# -- key rotation -----------------------------------------------------------------------------------
def rotate_tokens(engine: Engine, cipher: TokenCipher) -> int:
    """Re-encrypt every stored token under the cipher's first key; returns how many values changed.

    One transaction: either every token is under the new key, or (a value no key decrypts) none is.
    """
    changed = 0
    with engine.begin() as conn:
        for table, fields in ((INSTALLATIONS, INSTALLATION_SECRETS), (BOTS, BOT_SECRETS)):
            query = select(table.c.id, *(table.c[f] for f in fields))
            if conn.dialect.name == "postgresql":
                query = query.with_for_update()  # a token refresh must not slip in between read and write
            for row in conn.execute(query).mappings().all():
                values = {f: cipher.rotate(row[f]) for f in fields if row[f] is not None}
                if values:
                    conn.execute(table.update().where(table.c.id == row["id"]).values(**values))
                    changed += len(values)
    return changed


# -- Events API: each event once ----------------------------------------------------------------------
def claim_event(engine: Engine, *, event_id: str, team_id: str | None, now: datetime) -> bool:
    """Record an event id; False when it was already recorded (a retry, or a second delivery)."""
    try:
        with engine.begin() as conn:
            conn.execute(PROCESSED_EVENTS.insert().values(event_id=event_id, team_id=team_id, received_at=now))
        return True
    except IntegrityError:
        return False


def prune_processed_events(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: forget event ids older than a day (Slack stops retrying within minutes)."""
    with services.db.engine.begin() as conn:
        result = conn.execute(delete(PROCESSED_EVENTS).where(PROCESSED_EVENTS.c.received_at < now - EVENT_MEMORY))
    return {"events_pruned": result.rowcount} if result.rowcount else {}


# -- a workspace leaves ---------------------------------------------------------------------------------
def delete_installations(*, session: Session, team_id: str, enterprise_id: str | None = None) -> None:
    """Delete a workspace's stored tokens (installation and bot rows), whatever client id they were saved under."""
    for table in (INSTALLATIONS, BOTS):
        match = table.c.team_id == team_id
        if enterprise_id:
            # An org-wide install is filed under the enterprise with no team.
            match = or_(match, and_(table.c.enterprise_id == enterprise_id, table.c.team_id.is_(None)))
        session.execute(delete(table).where(match))


