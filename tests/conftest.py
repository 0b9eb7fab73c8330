"""Shared fixtures: real databases (a SQLite file, and PostgreSQL for tests marked `postgres`)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tousu.config import Settings
from tousu.db import make_engine, make_sessionmaker, upgrade_schema

POSTGRES_ADMIN_URL = os.environ.get("TOUSU_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SHARED_DATA = Path(os.environ.get("TOUSU_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
KEEP_TABLES = {"alembic_version", "channels"}


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    admin_url = Settings(database_url=POSTGRES_ADMIN_URL).database_url
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"tousu_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # no silent skip: a postgres test without a server is a failure
        pytest.fail(
            f"PostgreSQL is needed for tests marked `postgres` ({error.__class__.__name__}). "
            "Run scripts/ensure-postgres.sh or set TOUSU_TEST_POSTGRES_URL; "
            "to leave them out on purpose: pytest -m 'not postgres'."
        )
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    upgrade_schema(engine)
    yield engine
    engine.dispose()


def _truncate(engine: Engine) -> None:
    from tousu.db import Base
    from tousu.models import load_all_models

    load_all_models()
    tables = [t.name for t in Base.metadata.sorted_tables if t.name not in KEEP_TABLES]
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'tousu.db'}")
        upgrade_schema(engine)
        yield engine
        engine.dispose()
    else:
        engine = request.getfixturevalue("postgres_engine")
        _truncate(engine)
        yield engine


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'tousu.db'}")
    upgrade_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def database_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)
