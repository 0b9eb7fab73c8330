"""Settings of the synthetic demo data set, validated when they are made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

_SHARES = ("campaign_share", "group_event_share", "repeat_share")


@dataclass(frozen=True)
class DemoConfig:
    """What ``tousu demo`` generates.

    Shares are fractions of ``complaints``; what they leave is ordinary complaints.
    ``paraphrase`` is how strongly members of one organised campaign rewrite the shared letter
    (0 = copies that differ only in personal details, 1 = heavy rewording).
    The window is the ``months`` calendar months that end on ``end`` (inclusive).
    """

    complaints: int = 20_000
    seed: int = 7
    months: int = 12
    end: date = date(2026, 10, 31)
    paraphrase: float = 0.5
    campaign_share: float = 0.10
    group_event_share: float = 0.06
    repeat_share: float = 0.05
    min_campaign_size: int = 8
    max_campaign_size: int = 300

    def __post_init__(self) -> None:
        _require_int("complaints", self.complaints)
        if not 1 <= self.complaints <= 5_000_000:
            raise ValueError(
                f"投诉条数须在 1 到 5,000,000 之间 / complaints must be between 1 and 5,000,000, got {self.complaints}"
            )
        _require_int("seed", self.seed)
        _require_int("months", self.months)
        if not 1 <= self.months <= 60:
            raise ValueError(f"月数须在 1 到 60 之间 / months must be between 1 and 60, got {self.months}")
        if not isinstance(self.end, date):
            raise ValueError(f"结束日期须为日期 / end must be a date such as date(2026, 10, 31), got {self.end!r}")
        _require_fraction("paraphrase", self.paraphrase, upper_inclusive=True)
        for name in _SHARES:
            _require_fraction(name, getattr(self, name), upper_inclusive=False)
        total = self.campaign_share + self.group_event_share + self.repeat_share
        if total > 0.9:
            raise ValueError(
                f"三类占比之和不得超过 0.9 / campaign_share + group_event_share + repeat_share must leave at least "
                f"10% ordinary complaints, got {total:.2f}; lower one of the shares"
            )
        _require_int("min_campaign_size", self.min_campaign_size)
        _require_int("max_campaign_size", self.max_campaign_size)
        if not 2 <= self.min_campaign_size <= self.max_campaign_size:
            raise ValueError(
                f"团伙规模须满足 2 <= 最小 <= 最大 / campaign sizes need 2 <= min_campaign_size <= max_campaign_size, "
                f"got {self.min_campaign_size} and {self.max_campaign_size}"
            )

    @property
    def start(self) -> date:
        """First day of the window: the first of the month ``months - 1`` months before ``end``'s month."""
        index = self.end.year * 12 + self.end.month - 1 - (self.months - 1)
        return date(index // 12, index % 12 + 1, 1)


def _require_int(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} 须为整数 / {name} must be a whole number, got {value!r}")


def _require_fraction(name: str, value: object, *, upper_inclusive: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} 须为数值 / {name} must be a number, got {value!r}")
    ok = 0.0 <= value <= 1.0 if upper_inclusive else 0.0 <= value < 1.0
    if not ok:
        bound = "[0, 1]" if upper_inclusive else "[0, 1)"
        raise ValueError(f"{name} 须在 {bound} 之内 / {name} must be in {bound}, got {value}")
