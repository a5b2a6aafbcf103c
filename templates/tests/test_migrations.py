"""The migrations build exactly the schema the models describe, and undo it."""

import secrets
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, pool

from app import migrate
from app.models import Base
from app.settings import Settings
from tests.helpers import alembic_config, create_database, drop_database


@pytest.fixture
def empty_engine(settings: Settings) -> Iterator[Engine]:
    name = f"{settings.sqlalchemy_url.database}_mig_{secrets.token_hex(3)}"
    create_database(name)
    engine = create_engine(settings.sqlalchemy_url.set(database=name), poolclass=pool.NullPool)
    yield engine
    engine.dispose()
    drop_database(name)


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade_and_no_drift(empty_engine: Engine) -> None:
    config, release = alembic_config(empty_engine)
    try:
        command.upgrade(config, "head")
        assert tables(empty_engine) == set(Base.metadata.tables)
        command.downgrade(config, "base")
        assert tables(empty_engine) == set()
        command.upgrade(config, "head")
    finally:
        release()
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrate_command_uses_database_url(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))
    migrate.main([])
    assert tables(empty_engine) == set(Base.metadata.tables)
    migrate.main(["downgrade", "base"])
    assert tables(empty_engine) == set()
