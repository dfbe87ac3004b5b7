"""The length of each cluster's date window (``clusters.span_days``, indexed), as events have it: a
date filter on clusters then also bounds their ``event_date`` from below by the longest window
stored, and reads only the dates near the window asked for (summary, map, provinces, the clusters'
timeline and pages of the web page's date range). Filled here for the clusters already stored.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("clusters", sa.Column("span_days", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        days = "date_end - event_date"
    else:  # SQLite keeps dates as YYYY-MM-DD text
        days = "CAST(julianday(date_end) - julianday(event_date) AS INTEGER)"
    op.execute(f"UPDATE clusters SET span_days = {days} WHERE event_date IS NOT NULL AND date_end IS NOT NULL")
    op.create_index("ix_clusters_span_days", "clusters", ["span_days"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_clusters_span_days", table_name="clusters")
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): a batch copy of the table could not drop
    # clusters while events refer to it with foreign keys on
    op.drop_column("clusters", "span_days")
