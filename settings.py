"""Settings from the environment (prefix ZELFSCAN_), in one place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZELFSCAN_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    """Folder for the embedded SQLite database (created on first start)."""

    database_url: str | None = None
    """SQLAlchemy URL of another database, e.g. postgresql+psycopg://user:pw@host/zelfscan."""

    secure_cookies: bool = False
    """Send the login cookie over HTTPS only. Turn on whenever the app is served over HTTPS."""

    trusted_proxies: str = ""
    """Addresses of reverse proxies (comma-separated, e.g. 127.0.0.1) whose X-Forwarded-For header
    names the client. From any other address the header is ignored."""

    offer_demo: bool = True
    """Offer the demo region on the login page while the installation has no regio yet."""

    security_contact: str = ""
    """Where people report a vulnerability of this installation, as a URI: mailto:cert@gemeente.nl or an https address
    (RFC 9116). Served in /.well-known/security.txt; without it that address gives 404."""

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'zelfscan.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
