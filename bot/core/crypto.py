"""Secrets at rest: Slack tokens are Fernet-encrypted with HIREBOT_ENCRYPTION_KEY before they touch the database.

HIREBOT_ENCRYPTION_KEY holds one Fernet key, or several separated by commas: the first encrypts,
all of them decrypt. That allows a rotation without downtime: deploy "NEW,OLD", run
`hirebot rotate-key --new-key NEW`, then deploy "NEW".
"""

from __future__ import annotations

from typing import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.core.config import MissingSetting, Settings

KEY_VARIABLE = "HIREBOT_ENCRYPTION_KEY"
GENERATE_HINT = ('python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"')


class TokenDecryptError(RuntimeError):
    """A stored secret does not decrypt with the configured keys (wrong or rotated-away key)."""


def generate_key() -> str:
    """A fresh Fernet key, as text."""
    return Fernet.generate_key().decode()


def split_keys(value: str) -> list[str]:
    """The keys in a HIREBOT_ENCRYPTION_KEY value (comma separated, blanks ignored)."""
    return [k.strip() for k in value.split(",") if k.strip()]


def _fernet(key: str) -> Fernet:
    try:
        return Fernet(key.encode())
    except (ValueError, TypeError) as exc:
        bad = MissingSetting(KEY_VARIABLE, why="encrypting Slack tokens")
        message = (f"hirebot: {KEY_VARIABLE} is not a valid Fernet key (32 url-safe base64 bytes); "
                   f"make one with: {GENERATE_HINT}")
        bad.args, bad.code = (message,), message
        raise bad from exc


class TokenCipher:
    """Encrypt with the first key, decrypt with any of them."""

    def __init__(self, keys: Sequence[str], *, why: str = "encrypting Slack tokens at rest"):
        if not keys:
            raise MissingSetting(KEY_VARIABLE, why=why)
        self._fernets = [_fernet(k) for k in keys]
        self._multi = MultiFernet(self._fernets)

    def encrypt(self, value: str | None) -> str | None:
        """The ciphertext of `value` (None stays None)."""
        if value is None:
            return None
        return self._multi.encrypt(value.encode()).decode()

    def decrypt(self, value: str | None) -> str | None:
        """The plaintext of a stored value (None stays None); TokenDecryptError when no key fits."""
        if value is None:
            return None
        try:
            return self._multi.decrypt(value.encode()).decode()
        except InvalidToken as exc:
            raise TokenDecryptError(f"a stored Slack token does not decrypt with {KEY_VARIABLE}: is it the key the "
                                    "tokens were saved with? (after a rotation, keep the old key after a comma "
                                    "until `hirebot rotate-key` has run)") from exc

    def rotate(self, value: str | None) -> str | None:
        """Re-encrypt a stored value under the first key (it may have been encrypted under any key)."""
        if value is None:
            return None
        try:
            return self._multi.rotate(value.encode()).decode()
        except InvalidToken as exc:
            raise TokenDecryptError(f"a stored Slack token does not decrypt with {KEY_VARIABLE}") from exc


def cipher_from_settings(settings: Settings, *,
                         why: str = "OAuth installs (tokens are encrypted at rest)") -> TokenCipher:
    """The cipher for HIREBOT_ENCRYPTION_KEY; MissingSetting naming the variable when it is unset or invalid."""
    raw = settings.encryption_key.get_secret_value() if settings.encryption_key else ""
    return TokenCipher(split_keys(raw), why=why)
