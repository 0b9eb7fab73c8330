"""Errors of the intake layer: a file that cannot be read at all, or a column mapping that is wrong."""

from __future__ import annotations


class UnreadableFile(ValueError):
    """The whole file cannot be imported; the message names the file and says what to do."""


class InvalidMapping(ValueError):
    """A column mapping (TOML) is malformed; the message names the file, the entry and the fix."""
