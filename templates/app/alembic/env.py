"""Alembic environment: the database comes from the app's settings (DATABASE_URL)."""

from alembic import context
from sqlalchemy import Connection, create_engine, pool, text

from app.logs import configure_logging
from app.models import Base
from app.settings import load_settings

# Held for the migration's transaction: two deploys never migrate at once.
MIGRATION_LOCK_ID = 7_240_001


def run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True)
    with context.begin_transaction():
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        context.run_migrations()


def run_online() -> None:
    # Tests (and tools) may hand over a connection; otherwise connect with the settings.
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    settings = load_settings()
    configure_logging(settings.log_level)
    engine = create_engine(settings.sqlalchemy_url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        run_migrations(connection)


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_online()
