"""One small demo set shared by the demo tests (generation is deterministic, so sharing is safe)."""

from __future__ import annotations

import pytest

from tousu.demo import DemoConfig, DemoDataset, generate_demo


@pytest.fixture(scope="session")
def demo_set() -> DemoDataset:
    return generate_demo(DemoConfig(complaints=1_500, seed=11))
