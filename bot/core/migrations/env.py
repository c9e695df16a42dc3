"""Alembic environment: runs on the connection bot.db hands in, or on sqlalchemy.url."""

from alembic import context
from sqlalchemy import create_engine

from bot.core.models import Base

config = context.config
target_metadata = Base.metadata
# Tables migration 0002 owns but the ORM does not map (Slack's installation/state stores,
# processed event ids): autogenerate must not propose dropping them.
UNMAPPED = {"processed_events", "slack_installations", "slack_bots", "slack_oauth_states"}


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    return not (type_ == "table" and reflected and name in UNMAPPED)


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True,
                          include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                          include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()


run()
