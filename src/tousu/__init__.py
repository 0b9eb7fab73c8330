"""Tousu (投诉风险分析平台): a complaint-risk platform for Chinese financial institutions."""

__version__ = "0.1.0"
