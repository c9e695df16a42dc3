"""Bolt's OAuth flow for many workspaces: stores on our database, encrypted tokens, install callbacks."""

from __future__ import annotations

import logging

from slack_bolt import BoltResponse
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.core.config import Settings
from bot.core.crypto import cipher_from_settings
from bot.core.installations import BOT_SCOPES, STATE_EXPIRATION_SECONDS, TOKEN_ROTATION_MINUTES, installation_store
from bot.core.services import Services
from bot.core.slack import make_client
from bot.privacy.uninstall import clear_uninstalled

log = logging.getLogger(__name__)


# -- OAuth settings for Bolt ------------------------------------------------------------------------
def oauth_settings(settings: Settings, services: Services) -> OAuthSettings:
    """Bolt's OAuthSettings: SQLAlchemy stores on our engine, encrypted tokens, Web API calls to SLACK_API_URL."""
    cipher = cipher_from_settings(settings)  # no key, no OAuth: stop before anything is stored
    engine = services.db.engine
    store = services.extras["installation_store"] = installation_store(settings, engine, cipher)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_EXPIRATION_SECONDS, engine=engine,
                                       logger=logging.getLogger("hirebot.oauth_states"))

    def installed(args: SuccessArgs) -> BoltResponse:
        # A workspace that comes back within the retention period keeps its data.
        team = args.installation.team_id or args.installation.enterprise_id
        if team:
            with services.db.session() as session:
                clear_uninstalled(session=session, team_id=team)
        log.info("installed in team %s", team)
        return args.default.success(args)

    def failed(args: FailureArgs) -> BoltResponse:
        log.warning("OAuth install failed: %s", args.reason)
        return args.default.failure(args)

    secret = settings.slack_client_secret.get_secret_value() if settings.slack_client_secret else ""
    result = OAuthSettings(
        client_id=settings.slack_client_id, client_secret=secret, scopes=list(BOT_SCOPES), user_scopes=[],
        installation_store=store, state_store=states, state_expiration_seconds=STATE_EXPIRATION_SECONDS,
        token_rotation_expiration_minutes=TOKEN_ROTATION_MINUTES,
        callback_options=CallbackOptions(success=installed, failure=failed),
    )
    # OAuthSettings builds its authorize without a client, so a token refresh would go to slack.com:
    # give it ours (SLACK_API_URL, retries). cache_enabled skips auth.test for a token already seen.
    result.authorize = InstallationStoreAuthorize(
        logger=logging.getLogger("hirebot.authorize"), installation_store=store, client_id=result.client_id,
        client_secret=result.client_secret, token_rotation_expiration_minutes=TOKEN_ROTATION_MINUTES,
        client=make_client(settings), cache_enabled=True,
    )
    return result
