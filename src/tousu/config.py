"""Settings read from the environment (and the command line), validated when made."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from tousu.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite:///tousu.db"
DISPLAY_TIMEZONE = ZoneInfo("Asia/Shanghai")


def _database_url_from(value: str) -> str:
    """Accept a SQLAlchemy URL or a bare file path (taken as a SQLite file)."""
    if "://" in value:
        url = value
    else:
        url = f"sqlite:///{Path(value).expanduser()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver the project pins.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if not (url.startswith("sqlite") or url.startswith("postgresql")):
        raise ConfigError(
            f"不支持的数据库地址 {url.split('://', 1)[0]}://（请使用 SQLite 文件路径或 postgresql://...）"
            f" / unsupported database URL: use a SQLite path or postgresql://user@host/db"
        )
    return url


@dataclass(frozen=True)
class Settings:
    """Runtime settings. ``database_url`` accepts a SQLAlchemy URL or a SQLite file path."""

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    api_tokens: dict[str, str] = field(default_factory=dict)
    category_model: Path | None = None
    emotion_model: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "database_url", _database_url_from(self.database_url))
        if not 0 < self.port < 65536:
            raise ConfigError(f"端口必须在 1-65535 之间，当前为 {self.port} / port must be in 1..65535")
        for token, role in self.api_tokens.items():
            if role not in ROLES:
                raise ConfigError(
                    f"令牌角色 {role!r} 无效，可用角色：{', '.join(ROLES)} / unknown role for an API token"
                )
            if len(token) < 16:
                raise ConfigError("API 令牌至少 16 个字符 / API tokens must be at least 16 characters")
        for name, path in (("TOUSU_CATEGORY_MODEL", self.category_model), ("TOUSU_EMOTION_MODEL", self.emotion_model)):
            if path is not None and not path.is_file():
                raise ConfigError(f"{name} 指向的模型文件不存在：{path} / model file not found: {path}")

    @classmethod
    def from_env(cls, database_url: str | None = None) -> Settings:
        """Settings from ``TOUSU_*`` environment variables; an explicit URL wins."""
        tokens: dict[str, str] = {}
        raw_tokens = os.environ.get("TOUSU_API_TOKENS", "").strip()
        for item in filter(None, (part.strip() for part in raw_tokens.split(","))):
            if ":" not in item:
                raise ConfigError("TOUSU_API_TOKENS 的格式应为 令牌:角色,令牌:角色 / expected token:role,token:role")
            token, role = item.split(":", 1)
            tokens[token.strip()] = role.strip()
        port_text = os.environ.get("TOUSU_PORT", "8000")
        if not port_text.isdigit():
            raise ConfigError(f"TOUSU_PORT 应为数字，当前为 {port_text!r} / TOUSU_PORT must be a number")
        return cls(
            database_url=database_url or os.environ.get("TOUSU_DATABASE_URL") or DEFAULT_DATABASE_URL,
            secret_key=os.environ.get("TOUSU_SECRET_KEY") or None,
            host=os.environ.get("TOUSU_HOST", "127.0.0.1"),
            port=int(port_text),
            api_tokens=tokens,
            category_model=_path_or_none(os.environ.get("TOUSU_CATEGORY_MODEL")),
            emotion_model=_path_or_none(os.environ.get("TOUSU_EMOTION_MODEL")),
        )


def _path_or_none(value: str | None) -> Path | None:
    return Path(value).expanduser() if value and value.strip() else None


#: Roles and whether they may see personal data in the clear.
ROLES: dict[str, bool] = {
    "viewer": False,
    "handler": False,
    "manager": False,
    "compliance": True,
    "admin": True,
}
