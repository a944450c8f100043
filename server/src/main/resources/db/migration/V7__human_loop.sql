-- The human loop (issue 5): inbox tasks, QA samples, governance state, and the run facts the exit metrics need.

-- One row per breakpoint a run parked at. The answer a person gave (an MFA code, a corrected input, a looked-up
-- result) is sealed with AES-256-GCM and cleared once the run has used it; it never reaches Temporal's history.
create table breakpoints (
    breakpoint_id     uuid        primary key,
    run_id            uuid        not null references runs (run_id),
    type              text        not null check (type in ('mfa', 'captcha', 'review', 'credentials')),
    payer_id          text        not null,
    purpose           text        not null,
    route             text,
    reason_code       text,
    prompt            text        not null,
    status            text        not null check (status in ('open', 'claimed', 'resolved', 'expired', 'canceled')),
    audience          text[]      not null,
    escalation_level  integer     not null default 0,
    assignee          text,
    lease_expires_at  timestamptz,
    created_at        timestamptz not null default now(),
    due_at            timestamptz not null,
    first_claimed_at  timestamptz,
    resolved_at       timestamptz,
    resolved_by       text,
    action            text,
    note              text,
    answer            bytea,
    sla_breached_at   timestamptz,
    -- when the run took the outcome (a re-attached run picks up an outcome it had not taken yet)
    consumed_at       timestamptz
);
-- at most one open task per run: a run parks at one breakpoint at a time
create unique index breakpoints_one_open_per_run on breakpoints (run_id) where status in ('open', 'claimed');
create index breakpoints_open_idx on breakpoints (due_at) where status in ('open', 'claimed');
create index breakpoints_run_idx on breakpoints (run_id);

-- Resolved tasks picked for a second look by the QA policy.
create table qa_reviews (
    review_id      uuid        primary key,
    breakpoint_id  uuid        not null unique references breakpoints (breakpoint_id),
    run_id         uuid        not null references runs (run_id),
    type           text        not null,
    payer_id       text        not null,
    rule           text        not null,
    status         text        not null check (status in ('pending', 'agreed', 'disagreed')),
    resolved_by    text        not null,
    reviewer       text,
    note           text,
    created_at     timestamptz not null default now(),
    reviewed_at    timestamptz
);
create index qa_reviews_pending_idx on qa_reviews (created_at) where status = 'pending';

-- Token buckets of the governance (Bucket4j's PostgreSQL proxy manager: id, serialized state, expiry).
create table rate_buckets (
    id          text   primary key,
    state       bytea,
    expires_at  bigint
);

-- A portal credential is used by one run at a time: the holder and until when (a crashed holder's lease expires).
create table credential_leases (
    credential  text        primary key,
    run_id      uuid        not null,
    expires_at  timestamptz not null
);

-- Human touch per run, kept with the run so the exit metrics recompute from the runs table alone.
alter table runs add column human_touches integer not null default 0;
alter table runs add column first_human_at timestamptz;
