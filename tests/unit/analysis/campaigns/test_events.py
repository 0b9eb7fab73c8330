"""Group-event bursts: an incident's complaints arrive within days, whatever the product's usual volume."""

from __future__ import annotations

import numpy as np

from tousu.analysis.campaigns import CampaignSettings
from tousu.analysis.campaigns.events import burst_windows


def _busy_product(per_day: int, days: int = 364) -> np.ndarray:
    """Receipt times of a product with ``per_day`` complaints every day, spread evenly."""
    return np.arange(days * per_day, dtype=np.float64) / per_day


def test_a_three_day_incident_on_a_busy_product_is_a_burst_that_a_fortnight_window_alone_would_miss() -> None:
    usual = _busy_product(10)
    incident = 200.0 + np.linspace(0.0, 3.0, 40)
    days = np.sort(np.r_[usual, incident])
    windows = burst_windows(days, 364.0, CampaignSettings())
    assert len(windows) == 1
    start, end = windows[0]
    assert start <= 200.5 and 202.5 <= end <= 207.0
    fortnight = days[(days >= 196.0) & (days < 210.0)].size
    assert fortnight < CampaignSettings().event_burst_ratio * 10 * 14  # the fortnight stays below twice its usual


def test_a_busy_product_with_its_usual_volume_has_no_burst() -> None:
    assert burst_windows(_busy_product(10), 364.0, CampaignSettings()) == []


def test_a_quiet_product_needs_at_least_the_minimum_number_of_complaints_for_a_burst() -> None:
    settings = CampaignSettings()
    few = np.sort(np.r_[_busy_product(1)[::30], 100.0 + np.linspace(0, 1, settings.event_min_size - 2)])
    assert burst_windows(few, 364.0, settings) == []
    enough = np.sort(np.r_[_busy_product(1)[::30], 100.0 + np.linspace(0, 1, settings.event_min_size + 2)])
    assert len(burst_windows(enough, 364.0, settings)) == 1
