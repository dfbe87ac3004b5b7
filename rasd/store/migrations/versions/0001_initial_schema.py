"""Initial schema: documents, events (with evidence, actors and search text), clusters (with claims and
contradictions), persons (with aliases and events), and the store's write generation.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('clusters',
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('n_reports', sa.Integer(), nullable=False),
    sa.Column('event_ids', sa.JSON(), nullable=False),
    sa.Column('doc_ids', sa.JSON(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('consensus', sa.JSON(), nullable=False),
    sa.Column('event_type', sa.String(), nullable=False),
    sa.Column('sub_event_type', sa.String(), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('iso', sa.String(), nullable=True),
    sa.Column('admin1_code', sa.String(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('fatalities', sa.BigInteger(), nullable=True),
    sa.Column('salience', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('cluster_id', name=op.f('pk_clusters'))
    )
    op.create_index(op.f('ix_clusters_admin1_code'), 'clusters', ['admin1_code'], unique=False)
    op.create_index(op.f('ix_clusters_date_end'), 'clusters', ['date_end'], unique=False)
    op.create_index(op.f('ix_clusters_event_date'), 'clusters', ['event_date'], unique=False)
    op.create_index(op.f('ix_clusters_event_type'), 'clusters', ['event_type'], unique=False)
    op.create_index(op.f('ix_clusters_fatalities'), 'clusters', ['fatalities'], unique=False)
    op.create_index(op.f('ix_clusters_iso'), 'clusters', ['iso'], unique=False)
    op.create_index(op.f('ix_clusters_latitude_longitude'), 'clusters', ['latitude', 'longitude'], unique=False)
    op.create_index(op.f('ix_clusters_n_reports'), 'clusters', ['n_reports'], unique=False)
    op.create_index(op.f('ix_clusters_salience'), 'clusters', ['salience'], unique=False)
    op.create_index(op.f('ix_clusters_sub_event_type'), 'clusters', ['sub_event_type'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('url', sa.String(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('published_inferred', sa.String(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    op.create_index(op.f('ix_documents_sha256'), 'documents', ['sha256'], unique=False)

    op.create_table('persons',
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('name_ar', sa.String(), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('affiliation', sa.String(), nullable=True),
    sa.Column('search', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_persons'))
    )
    op.create_index(op.f('ix_persons_name'), 'persons', ['name'], unique=False)

    op.create_table('store_state',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('generation', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_store_state'))
    )
    op.create_table('claims',
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.cluster_id'], name=op.f('fk_claims_cluster_id_clusters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cluster_id', 'field', 'position', name=op.f('pk_claims'))
    )
    op.create_index(op.f('ix_claims_event_id'), 'claims', ['event_id'], unique=False)

    op.create_table('contradictions',
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.cluster_id'], name=op.f('fk_contradictions_cluster_id_clusters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cluster_id', 'position', name=op.f('pk_contradictions'))
    )
    op.create_index(op.f('ix_contradictions_field'), 'contradictions', ['field'], unique=False)

    op.create_table('events',
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('salience', sa.String(), nullable=False),
    sa.Column('event_type', sa.String(), nullable=False),
    sa.Column('sub_event_type', sa.String(), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('span_days', sa.Integer(), nullable=True),
    sa.Column('time_precision', sa.SmallInteger(), nullable=True),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('country', sa.String(), nullable=True),
    sa.Column('iso', sa.String(), nullable=True),
    sa.Column('admin1', sa.String(), nullable=True),
    sa.Column('admin1_code', sa.String(), nullable=True),
    sa.Column('admin2', sa.String(), nullable=True),
    sa.Column('location', sa.String(), nullable=True),
    sa.Column('location_ar', sa.String(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.SmallInteger(), nullable=True),
    sa.Column('fatalities', sa.BigInteger(), nullable=True),
    sa.Column('fatalities_low', sa.BigInteger(), nullable=True),
    sa.Column('fatalities_high', sa.BigInteger(), nullable=True),
    sa.Column('injuries', sa.BigInteger(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('url', sa.String(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('n_persons', sa.Integer(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.cluster_id'], name=op.f('fk_events_cluster_id_clusters')),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], name=op.f('fk_events_doc_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_events'))
    )
    op.create_index(op.f('ix_events_admin1_code'), 'events', ['admin1_code'], unique=False)
    op.create_index('ix_events_by_date', 'events', ['event_date', 'event_id', 'date_end', 'fatalities'], unique=False)
    op.create_index('ix_events_by_fatalities', 'events', ['fatalities', 'event_id'], unique=False)
    op.create_index(op.f('ix_events_cluster_id'), 'events', ['cluster_id'], unique=False)
    op.create_index(op.f('ix_events_date_end'), 'events', ['date_end'], unique=False)
    op.create_index(op.f('ix_events_doc_id'), 'events', ['doc_id'], unique=False)
    op.create_index(op.f('ix_events_event_type'), 'events', ['event_type'], unique=False)
    op.create_index(op.f('ix_events_iso'), 'events', ['iso'], unique=False)
    op.create_index(op.f('ix_events_latitude_longitude'), 'events', ['latitude', 'longitude'], unique=False)
    op.create_index(op.f('ix_events_n_persons'), 'events', ['n_persons'], unique=False)
    op.create_index(op.f('ix_events_salience'), 'events', ['salience'], unique=False)
    op.create_index(op.f('ix_events_span_days'), 'events', ['span_days'], unique=False)
    op.create_index(op.f('ix_events_sub_event_type'), 'events', ['sub_event_type'], unique=False)
    if op.get_bind().dialect.name == "postgresql":  # see schema.py: NULLs last in both directions
        op.create_index('ix_events_by_date_desc', 'events',
                        [sa.text('event_date DESC NULLS LAST'), sa.text('event_id DESC')], unique=False)
        op.create_index('ix_events_by_fatalities_desc', 'events',
                        [sa.text('fatalities DESC NULLS LAST'), sa.text('event_id DESC')], unique=False)

    op.create_table('person_aliases',
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('alias', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.person_id'], name=op.f('fk_person_aliases_person_id_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'alias', name=op.f('pk_person_aliases'))
    )
    op.create_index(op.f('ix_person_aliases_alias'), 'person_aliases', ['alias'], unique=False)

    op.create_table('event_actors',
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('name_ar', sa.String(), nullable=False),
    sa.Column('type', sa.String(), nullable=True),
    sa.Column('search', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], name=op.f('fk_event_actors_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'position', name=op.f('pk_event_actors'))
    )
    op.create_index(op.f('ix_event_actors_name'), 'event_actors', ['name'], unique=False)
    op.create_index(op.f('ix_event_actors_search'), 'event_actors', ['search'], unique=False)

    op.create_table('event_search',
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], name=op.f('fk_event_search_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_event_search'))
    )
    op.create_table('evidence',
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], name=op.f('fk_evidence_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'position', name=op.f('pk_evidence'))
    )
    op.create_table('person_events',
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('event_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], name=op.f('fk_person_events_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.person_id'], name=op.f('fk_person_events_person_id_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'event_id', name=op.f('pk_person_events'))
    )
    op.create_index(op.f('ix_person_events_event_id'), 'person_events', ['event_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_person_events_event_id'), table_name='person_events')

    op.drop_table('person_events')
    op.drop_table('evidence')
    op.drop_table('event_search')
    op.drop_index(op.f('ix_event_actors_search'), table_name='event_actors')
    op.drop_index(op.f('ix_event_actors_name'), table_name='event_actors')

    op.drop_table('event_actors')
    op.drop_index(op.f('ix_person_aliases_alias'), table_name='person_aliases')

    op.drop_table('person_aliases')
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index('ix_events_by_fatalities_desc', table_name='events')
        op.drop_index('ix_events_by_date_desc', table_name='events')
    op.drop_index(op.f('ix_events_sub_event_type'), table_name='events')
    op.drop_index(op.f('ix_events_span_days'), table_name='events')
    op.drop_index(op.f('ix_events_salience'), table_name='events')
    op.drop_index(op.f('ix_events_n_persons'), table_name='events')
    op.drop_index(op.f('ix_events_latitude_longitude'), table_name='events')
    op.drop_index(op.f('ix_events_iso'), table_name='events')
    op.drop_index(op.f('ix_events_event_type'), table_name='events')
    op.drop_index(op.f('ix_events_doc_id'), table_name='events')
    op.drop_index(op.f('ix_events_date_end'), table_name='events')
    op.drop_index(op.f('ix_events_cluster_id'), table_name='events')
    op.drop_index('ix_events_by_fatalities', table_name='events')
    op.drop_index('ix_events_by_date', table_name='events')
    op.drop_index(op.f('ix_events_admin1_code'), table_name='events')

    op.drop_table('events')
    op.drop_index(op.f('ix_contradictions_field'), table_name='contradictions')

    op.drop_table('contradictions')
    op.drop_index(op.f('ix_claims_event_id'), table_name='claims')

    op.drop_table('claims')
    op.drop_table('store_state')
    op.drop_index(op.f('ix_persons_name'), table_name='persons')

    op.drop_table('persons')
    op.drop_index(op.f('ix_documents_sha256'), table_name='documents')

    op.drop_table('documents')
    op.drop_index(op.f('ix_clusters_sub_event_type'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_salience'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_n_reports'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_latitude_longitude'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_iso'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_fatalities'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_event_type'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_event_date'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_date_end'), table_name='clusters')
    op.drop_index(op.f('ix_clusters_admin1_code'), table_name='clusters')

    op.drop_table('clusters')
