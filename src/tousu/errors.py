"""Domain errors. Services raise these; the CLI and the web translate them at the edge."""

from __future__ import annotations


class TousuError(Exception):
    """Base of every error a person should read: the message says what went wrong and what to do."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(TousuError):
    """A setting is missing or invalid."""

    exit_code = 2


class NotFound(TousuError):
    """The thing asked for does not exist."""

    exit_code = 3


class ImportRejected(TousuError):
    """An import was refused; nothing was written. Carries the row errors."""

    exit_code = 4

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


class DatabaseNotReady(TousuError):
    """The database schema is missing or behind the code."""

    exit_code = 5


class BadInput(TousuError):
    """A file, mapping or parameter a person supplied cannot be used; the message says which and why."""

    exit_code = 2
