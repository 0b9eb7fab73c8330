"""Synthetic demo data: complaints with ordinary cases, persistent complainants, genuine group events
and organised black-industry campaigns, plus the answer key (truth rows) that says which is which.

Everything generated is labelled synthetic (``extra["synthetic"]``, institution names marked （演示））.
"""

from tousu.demo.config import DemoConfig
from tousu.demo.generator import SYNTHETIC_LABEL, DemoDataset, generate_demo, iter_demo
from tousu.demo.truth import TRUTH_COLUMNS, TruthRow, write_truth

__all__ = [
    "SYNTHETIC_LABEL",
    "TRUTH_COLUMNS",
    "DemoConfig",
    "DemoDataset",
    "TruthRow",
    "generate_demo",
    "iter_demo",
    "write_truth",
]
