-- RCM OS foundation schema. Every table is created here or in a later migration; nothing else creates schema.

-- Runs: one row per eligibility or claim-status check. `input`/`output` hold PHI and are served only to
-- roles allowed to read runs; nothing else (logs, metrics, events, audit) copies their values.
create table runs (
    run_id            uuid        primary key,
    purpose           text        not null check (purpose in ('eligibility', 'claim_status')),
    payer_id          text        not null,
    business_date     date        not null,
    requested_route   text        not null check (requested_route ~ '^[a-z_]{1,32}$'),
    route             text,
    status            text        not null check (status in ('queued', 'running', 'waiting_for_human', 'succeeded', 'failed', 'canceled')),
    batch_id          uuid,
    idempotency_key   text        not null,
    input             jsonb       not null,
    output            jsonb,
    error             jsonb,
    attempts          integer     not null default 0,
    workflow_started  boolean     not null default false,
    created_by        text        not null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    started_at        timestamptz,
    finished_at       timestamptz
);
create index runs_newest_idx on runs (created_at desc, run_id desc);
create index runs_status_idx on runs (status, created_at desc);
create index runs_payer_idx on runs (payer_id, created_at desc);
create index runs_batch_idx on runs (batch_id) where batch_id is not null;
create index runs_unstarted_idx on runs (created_at) where workflow_started = false;

-- What happened to a run, in order; `detail` never carries PHI.
create table run_timeline (
    id      bigserial   primary key,
    run_id  uuid        not null references runs (run_id),
    ts      timestamptz not null default clock_timestamp(),
    type    text        not null,
    detail  text
);
create index run_timeline_run_idx on run_timeline (run_id, id);

-- Idempotency: (payer_id, purpose, business ids…, business_date) hashed into `key`; the first insert wins.
create table idempotency_keys (
    key         text        primary key,
    -- deferred: the key is claimed first (the claim is the lock), the run row follows in the same transaction
    run_id      uuid        not null references runs (run_id) deferrable initially deferred,
    created_at  timestamptz not null default now()
);

-- Transactional outbox: written in the same transaction as the state change it announces.
-- Writers take the ledger lock (pg_advisory_xact_lock) before inserting, so ids become visible in id order
-- and a reader that remembers the last id it saw never skips an event.
create table outbox_events (
    id        bigserial   primary key,
    type      text        not null,
    run_id    uuid,
    batch_id  uuid,
    payload   jsonb       not null,
    ts        timestamptz not null default clock_timestamp(),
    source    text        not null
);
create index outbox_events_run_idx on outbox_events (run_id, id) where run_id is not null;
create index outbox_events_batch_idx on outbox_events (batch_id, id) where batch_id is not null;

-- Where each relay (e.g. the Redis relay) has got to in the outbox.
create table event_relay_offsets (
    relay       text        primary key,
    last_id     bigint      not null,
    updated_at  timestamptz not null default now()
);

-- Evidence and raw payloads of a run; the bytes live in the artifact store under `storage_key`.
create table artifacts (
    artifact_id   uuid        primary key,
    run_id        uuid        not null references runs (run_id),
    kind          text        not null check (kind in ('screenshot', 'dom', 'har', 'trace', 'x12', 'json', 'manifest', 'raw')),
    step          text,
    content_type  text        not null,
    size          bigint      not null,
    sha256        text        not null,
    storage_key   text        not null unique,
    restricted    boolean     not null default false,
    created_at    timestamptz not null default now()
);
create index artifacts_run_idx on artifacts (run_id, created_at);

-- Users of the console and API tokens of scripts. Passwords are BCrypt; tokens are stored as SHA-256 only.
create table users (
    username       text        primary key,
    password_hash  text        not null,
    role           text        not null check (role in ('admin', 'operator', 'reviewer', 'viewer')),
    enabled        boolean     not null default true,
    created_at     timestamptz not null default now()
);

create table api_tokens (
    token_id      uuid        primary key,
    name          text        not null,
    role          text        not null check (role in ('admin', 'operator', 'reviewer', 'viewer')),
    token_hash    text        not null unique,
    created_by    text        not null,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

-- Append-only audit chain: hash = SHA-256(prev_hash || canonical entry). No PHI values, only ids.
create table audit_log (
    seq          bigint      primary key,
    ts           timestamptz not null,
    actor        text        not null,
    actor_type   text        not null check (actor_type in ('user', 'token', 'bot', 'system')),
    action       text        not null,
    target_type  text,
    target_id    text,
    run_id       uuid,
    details      text        not null default '{}', -- canonical JSON exactly as hashed
    prev_hash    text        not null,
    hash         text        not null
);
create index audit_log_run_idx on audit_log (run_id, seq) where run_id is not null;
create index audit_log_actor_idx on audit_log (actor, seq);

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_refuse_change();
create trigger audit_log_no_delete before delete on audit_log for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse_change();
