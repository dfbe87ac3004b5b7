"""Indexes for the place and type filters in date order, covering the date window and the toll: a
filtered page reads its first rows in order, and counts and the timeline read the index only. They
replace the single-column indexes of the same filters.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FILTERS = ("iso", "admin1_code", "event_type", "sub_event_type")


def upgrade() -> None:
    for col in FILTERS:
        op.drop_index(f"ix_events_{col}", table_name="events")
        op.create_index(f"ix_events_{col}_by_date", "events", [col, "event_date", "event_id", "date_end", "fatalities"],
                        unique=False)


def downgrade() -> None:
    for col in FILTERS:
        op.drop_index(f"ix_events_{col}_by_date", table_name="events")
        op.create_index(f"ix_events_{col}", "events", [col], unique=False)
