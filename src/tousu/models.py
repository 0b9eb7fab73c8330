"""One place that imports every ORM module, so metadata and migrations see all tables."""

from __future__ import annotations


def load_all_models() -> None:
    import tousu.campaigns.models  # noqa: F401
    import tousu.cases.models  # noqa: F401
    import tousu.catalog.models  # noqa: F401
    import tousu.complainants.models  # noqa: F401
