"""Mapping a complaint's channel text onto the channel list, by rules kept in a data file."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from tousu.analysis.records import CHANNELS

_CACHE_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class ChannelRule:
    """Text containing one of ``keywords`` (or matching one of ``patterns``) is ``channel``."""

    channel: str
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(
                f"未知渠道「{self.channel}」 / unknown channel {self.channel!r}; use one of {', '.join(CHANNELS)}"
            )
        for pattern in self.patterns:
            try:
                re.compile(pattern)
            except re.error as problem:
                raise ValueError(
                    f"渠道 {self.channel} 的正则表达式有误 / bad pattern {pattern!r} for {self.channel}: {problem}"
                ) from problem


@dataclass(frozen=True, slots=True)
class ChannelRules:
    """Ordered channel rules; the first rule that matches wins, unmatched text is ``other``."""

    rules: tuple[ChannelRule, ...]
    _exact: dict[str, str] = field(init=False, repr=False, compare=False)
    _compiled: tuple[tuple[str, tuple[str, ...], tuple[re.Pattern[str], ...]], ...] = field(
        init=False, repr=False, compare=False
    )
    _seen: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        exact = {_fold(key): key for key in CHANNELS}
        exact.update({_fold(label): key for key, label in CHANNELS.items()})
        compiled = tuple(
            (
                rule.channel,
                tuple(_fold(word) for word in rule.keywords),
                tuple(re.compile(pattern, re.IGNORECASE) for pattern in rule.patterns),
            )
            for rule in self.rules
        )
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_compiled", compiled)
        object.__setattr__(self, "_seen", {})

    @classmethod
    def from_toml(cls, path: Path) -> ChannelRules:
        """Rules from a TOML file of ``[[rule]]`` tables (see the bundled channels.toml)."""
        with path.open("rb") as handle:
            return cls.from_table(tomllib.load(handle).get("rule", []))

    @classmethod
    def from_table(cls, rules: Sequence[Mapping[str, object]]) -> ChannelRules:
        """Rules from parsed ``[[rule]]`` tables with ``channel``, ``keywords`` and ``patterns``."""
        built = []
        for rule in rules:
            keywords, patterns = rule.get("keywords", []), rule.get("patterns", [])
            if not isinstance(keywords, list) or not isinstance(patterns, list):
                raise ValueError("渠道规则的 keywords 和 patterns 必须是列表 / keywords and patterns must be lists")
            built.append(ChannelRule(str(rule.get("channel")), tuple(map(str, keywords)), tuple(map(str, patterns))))
        return cls(tuple(built))

    def channel_of(self, text: str) -> str:
        """The channel key for a channel text (``"12378热线转办"`` -> ``"regulator"``)."""
        found = self._seen.get(text)
        if found is None:
            found = self._classify(_fold(text))
            if len(self._seen) < _CACHE_LIMIT:
                self._seen[text] = found
        return found

    def _classify(self, folded: str) -> str:
        exact = self._exact.get(folded)
        if exact is not None:
            return exact
        for channel, keywords, patterns in self._compiled:
            if any(word in folded for word in keywords) or any(p.search(folded) for p in patterns):
                return channel
        return "other"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


@cache
def default_channel_rules() -> ChannelRules:
    """The channel rules shipped with Tousu (``tousu/intake/channels.toml``)."""
    data = tomllib.loads(resources.files("tousu.intake").joinpath("channels.toml").read_text("utf-8"))
    return ChannelRules.from_table(data["rule"])
