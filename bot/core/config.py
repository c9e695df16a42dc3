"""Settings: the only module that reads the environment (and a `.env` file)."""

from __future__ import annotations

from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingError(SystemExit):
    """A setting is missing or wrong: the runners print the one-line message and exit 2 (no traceback)."""


class MissingSetting(SettingError):
    """Raised when a runner needs a setting that is not set; the message names the variable."""

    def __init__(self, *names: str, why: str):
        super().__init__(f"hirebot: {why} needs {' and '.join(names)} (set it in the environment or .env)")


class BadSetting(SettingError):
    """Raised when a setting's value cannot work; the message names the variable and what to do."""

    def __init__(self, name: str, problem: str):
        super().__init__(f"hirebot: {name} {problem}")


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
    # Slack's own requests are far smaller (a 50-block message with its state stays under a few hundred KB);
    # the cap is checked before anything is read or parsed.
    max_body_bytes: int = Field(1_048_576, ge=1024, validation_alias=_env("HIREBOT_MAX_BODY_BYTES"))
    source_timeout: float = Field(10.0, validation_alias=_env("HIREBOT_SOURCE_TIMEOUT"))
    source_max_wait: float = Field(10.0, validation_alias=_env("HIREBOT_SOURCE_MAX_WAIT"))

    # Product
    default_timezone: str = Field("UTC", validation_alias=_env("HIREBOT_DEFAULT_TIMEZONE"))
    console_team_id: str = Field("T0LOCAL", validation_alias=_env("HIREBOT_CONSOLE_TEAM"))
    encryption_key: SecretStr | None = Field(None, validation_alias=_env("HIREBOT_ENCRYPTION_KEY"))
    # A single team's default mailbox (per-owner mailboxes come from `/outreach mailbox connect`):
    # smtp://user:app-password@smtp.example.com:587 and imaps://user:app-password@imap.example.com:993.
    smtp_url: SecretStr | None = Field(None, validation_alias=_env("HIREBOT_SMTP_URL"))
    imap_url: SecretStr | None = Field(None, validation_alias=_env("HIREBOT_IMAP_URL"))
    # Data retention: forget candidates nobody touched for N months; keep an uninstalled team's data N days.
    retention_months: int | None = Field(None, ge=1, validation_alias=_env("HIREBOT_RETENTION_MONTHS"))
    retention_days_after_uninstall: int | None = Field(None, ge=0, validation_alias=_env(
        "HIREBOT_RETENTION_DAYS_AFTER_UNINSTALL"))

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value() and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("an app-level token starts with xapp- (Basic Information > App-Level Tokens), "
                             "not the bot token")
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().startswith("xapp-"):
            raise ValueError("that is the app-level token; the bot token starts with xoxb- (OAuth & Permissions)")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        scheme = value.split(":", 1)[0].split("+", 1)[0].lower() if ":" in value else ""
        if scheme not in ("sqlite", "postgres", "postgresql"):
            raise ValueError("use sqlite:///hirebot.db or postgresql://user:password@host/db")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("use an IANA timezone name such as Europe/Berlin") from exc
        return value

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


def _field(loc: tuple) -> tuple[str, str | None]:
    """(environment variable, field name) of a pydantic error location (which names the field or its alias)."""
    key = str(loc[0]) if loc else ""
    for name, field in Settings.model_fields.items():
        choices = [str(c) for c in getattr(field.validation_alias, "choices", None) or ()]
        if key == name or key in choices:
            return (choices[0] if choices else name.upper()), name
    return key.upper() or "a setting", None


def get_settings(**overrides) -> Settings:
    """Read settings from the environment and .env, with keyword overrides (used by tests)."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err.get("loc", ())
        msg = str(err.get("msg", "bad value")).removeprefix("Value error, ")
        variable, name = _field(loc)
        # Echo what was typed only where it cannot be a secret (tokens, keys, URLs with passwords).
        secret = name is None or "SecretStr" in str(Settings.model_fields[name].annotation) or name.endswith("_url")
        got = "" if secret else f" (got {str(err.get('input'))[:40]!r})"
        raise BadSetting(variable, f"is not valid: {msg}{got}") from None
