"""Alembic environment: runs migrations on the engine handed over by tousu.db."""

from __future__ import annotations

from alembic import context

from tousu.db import Base
from tousu.models import load_all_models

load_all_models()
target_metadata = Base.metadata
engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
