"""Settings: the only module that reads the environment (and a `.env` file)."""

from __future__ import annotations

from functools import cached_property

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class MissingSetting(SystemExit):
    """Raised when a runner needs a setting that is not set; the message names the variable."""

    def __init__(self, *names: str, why: str):
        super().__init__(f"hirebot: {why} needs {' and '.join(names)} (set it in the environment or .env)")


def _env(name: str, *more: str) -> AliasChoices:
    return AliasChoices(name, *more)


class Settings(BaseSettings):
    """Every setting Hirebot reads; names without the HIREBOT_ prefix are the DESIGN.md contract."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      populate_by_name=True)

    # Slack
    slack_bot_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(None, validation_alias=_env("SLACK_SIGNING_SECRET"))
    slack_app_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN"))
    slack_client_id: str | None = Field(None, validation_alias=_env("SLACK_CLIENT_ID"))
    slack_client_secret: SecretStr | None = Field(None, validation_alias=_env("SLACK_CLIENT_SECRET"))
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_env("SLACK_API_URL"))

    # State
    database_url: str = Field("sqlite:///hirebot.db", validation_alias=_env("DATABASE_URL"))

    # Public data sources
    github_token: SecretStr | None = Field(None, validation_alias=_env("GITHUB_TOKEN"))
    hf_token: SecretStr | None = Field(None, validation_alias=_env("HF_TOKEN"))
    github_api_url: str = Field("https://api.github.com", validation_alias=_env("GITHUB_API_URL"))
    hf_api_url: str = Field("https://huggingface.co", validation_alias=_env("HF_API_URL"))
    arxiv_api_url: str = Field("http://export.arxiv.org", validation_alias=_env("ARXIV_API_URL"))

    # Runners
    port: int = Field(3000, validation_alias=_env("PORT"))
    web_workers: int = Field(2, validation_alias=_env("HIREBOT_WEB_WORKERS"))
    web_threads: int = Field(8, validation_alias=_env("HIREBOT_WEB_THREADS"))
    background_threads: int = Field(4, validation_alias=_env("HIREBOT_BACKGROUND_THREADS"))
    fanout_threads: int = Field(16, validation_alias=_env("HIREBOT_FANOUT_THREADS"))
    log_level: str = Field("INFO", validation_alias=_env("HIREBOT_LOG_LEVEL"))
    slack_max_retries: int = Field(3, validation_alias=_env("HIREBOT_SLACK_MAX_RETRIES"))
    source_timeout: float = Field(10.0, validation_alias=_env("HIREBOT_SOURCE_TIMEOUT"))
    source_max_wait: float = Field(10.0, validation_alias=_env("HIREBOT_SOURCE_MAX_WAIT"))

    # Product
    default_timezone: str = Field("UTC", validation_alias=_env("HIREBOT_DEFAULT_TIMEZONE"))
    console_team_id: str = Field("T0LOCAL", validation_alias=_env("HIREBOT_CONSOLE_TEAM"))
    encryption_key: SecretStr | None = Field(None, validation_alias=_env("HIREBOT_ENCRYPTION_KEY"))
    # Data retention: forget candidates nobody touched for N months; keep an uninstalled team's data N days.
    retention_months: int | None = Field(None, ge=1, validation_alias=_env("HIREBOT_RETENTION_MONTHS"))
    retention_days_after_uninstall: int | None = Field(None, ge=0, validation_alias=_env(
        "HIREBOT_RETENTION_DAYS_AFTER_UNINSTALL"))

    @cached_property
    def oauth_enabled(self) -> bool:
        """True when client id and secret are set: many workspaces install via OAuth."""
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def api_url(self) -> str:
        """SLACK_API_URL with the trailing slash WebClient's urljoin needs."""
        return self.slack_api_url if self.slack_api_url.endswith("/") else self.slack_api_url + "/"

    def require(self, *names: str, why: str) -> None:
        """Stop with a message naming every missing variable among `names` (env var names)."""
        missing = [n for n in names if not getattr(self, n.lower(), None)]
        if missing:
            raise MissingSetting(*missing, why=why)


def get_settings(**overrides) -> Settings:
    """Read settings from the environment and .env, with keyword overrides (used by tests)."""
    return Settings(**overrides)
