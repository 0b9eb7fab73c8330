"""DemoConfig validates itself when made and says what to change."""

from __future__ import annotations

from datetime import date

import pytest

from tousu.demo import DemoConfig


def test_the_default_config_is_a_year_of_twenty_thousand_complaints_ending_october_2026() -> None:
    config = DemoConfig()
    assert config.complaints == 20_000
    assert config.months == 12
    assert config.end == date(2026, 10, 31)
    assert config.start == date(2025, 11, 1)


def test_a_three_month_window_starts_on_the_first_of_the_earliest_month() -> None:
    assert DemoConfig(months=3, end=date(2026, 2, 14)).start == date(2025, 12, 1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"complaints": 0}, "complaints must be between 1 and 5,000,000, got 0"),
        ({"complaints": 2.5}, "complaints must be a whole number"),
        ({"seed": "7"}, "seed must be a whole number"),
        ({"months": 0}, "months must be between 1 and 60"),
        ({"end": "2026-10-31"}, "end must be a date"),
        ({"paraphrase": 1.5}, "paraphrase must be in [0, 1], got 1.5"),
        ({"paraphrase": -0.1}, "paraphrase must be in [0, 1]"),
        ({"campaign_share": 1.0}, "campaign_share must be in [0, 1), got 1.0"),
        ({"repeat_share": -0.2}, "repeat_share must be in [0, 1)"),
        ({"campaign_share": 0.5, "group_event_share": 0.3, "repeat_share": 0.2}, "must leave at least 10%"),
        ({"min_campaign_size": 1}, "2 <= min_campaign_size <= max_campaign_size"),
        ({"min_campaign_size": 50, "max_campaign_size": 20}, "got 50 and 20"),
    ],
)
def test_a_bad_setting_is_refused_with_a_message_that_names_it(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as error:
        DemoConfig(**kwargs)
    assert message in str(error.value)


def test_messages_are_chinese_first_then_english() -> None:
    with pytest.raises(ValueError) as error:
        DemoConfig(paraphrase=2.0)
    chinese, english = str(error.value).split(" / ", 1)
    assert "须在" in chinese
    assert english.startswith("paraphrase must be")


def test_a_config_cannot_be_changed_after_it_is_made() -> None:
    config = DemoConfig(complaints=10)
    with pytest.raises(AttributeError):
        config.complaints = 20  # type: ignore[misc]
