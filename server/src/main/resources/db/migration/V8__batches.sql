-- Batches (issue 6): one row per uploaded file, one row per data row of it. An upload commits whole or not at all.
create table batches (
    batch_id          uuid        primary key,
    purpose           text        not null check (purpose in ('eligibility', 'claim_status')),
    payer_id          text,
    route             text        not null,
    format            text        not null check (format in ('csv', 'ndjson')),
    file_name         text,
    file_sha256       text        not null,
    mapping           jsonb       not null,
    status            text        not null check (status in ('running', 'completed', 'canceled')),
    total             integer     not null,
    invalid           integer     not null,
    workflow_started  boolean     not null default false,
    created_by        text        not null,
    created_at        timestamptz not null default now(),
    started_at        timestamptz,
    canceled_at       timestamptz,
    finished_at       timestamptz,
    -- when batch.progressed was last emitted (at most one every couple of seconds)
    progressed_at     timestamptz
);
create index batches_newest_idx on batches (created_at desc);
create index batches_unstarted_idx on batches (created_at) where workflow_started = false;

-- status: invalid (never runs), pending (valid, no run yet), then the run's status once started (queued, running,
-- waiting_for_human, succeeded, failed, canceled), or canceled when the batch was canceled before it started.
create table batch_items (
    batch_id         uuid    not null references batches (batch_id),
    row_number       integer not null,
    line             bigint  not null,
    status           text    not null check (status in ('invalid', 'pending', 'queued', 'running', 'waiting_for_human',
                                                        'succeeded', 'failed', 'canceled')),
    request          jsonb,
    idempotency_key  text,
    run_id           uuid,
    errors           jsonb,
    primary key (batch_id, row_number)
);
create index batch_items_pending_idx on batch_items (batch_id, row_number) where status = 'pending';
create index batch_items_active_idx on batch_items (batch_id) where status in ('queued', 'running', 'waiting_for_human');
create index batch_items_key_idx on batch_items (batch_id, idempotency_key);
