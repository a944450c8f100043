-- Issue 12: an audit chain that can be proven, and idempotency keys that carry no guessable hash of PHI.

-- The audit chain is keyed from here on: entries with seq >= first_seq carry HMAC-SHA256 under the audit key
-- (RCM_AUDIT_KEY, never in this database); entries written before this migration keep the plain SHA-256 they were
-- written with and are never rewritten. Recorded once, at the upgrade; signed checkpoints repeat it.
create table audit_chain_epochs (
    first_seq   bigint      primary key,
    algorithm   text        not null check (algorithm = 'hmac-sha256'),
    created_at  timestamptz not null default now()
);
insert into audit_chain_epochs (first_seq, algorithm) select coalesce(max(seq), 0) + 1, 'hmac-sha256' from audit_log;

-- Signed checkpoints of the chain (Ed25519 over seq, hash, ts, keyed_from, key_id); the authoritative copy is the
-- object of the same seq in the artifact store (`storage_key`), kept under S3 Object Lock where the bucket has it.
create table audit_checkpoints (
    seq          bigint      primary key,
    hash         text        not null,
    ts           timestamptz not null,
    keyed_from   bigint      not null,
    key_id       text        not null,
    public_key   text        not null,
    signature    text        not null,
    storage_key  text        not null,
    protection   text        not null,
    created_at   timestamptz not null default now()
);

-- One refusal for every append-only table of the audit module.
create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_chain_epochs_no_update before update on audit_chain_epochs for each row execute function audit_log_refuse_change();
create trigger audit_chain_epochs_no_delete before delete on audit_chain_epochs for each row execute function audit_log_refuse_change();
create trigger audit_chain_epochs_no_truncate before truncate on audit_chain_epochs for each statement execute function audit_log_refuse_change();
create trigger audit_checkpoints_no_update before update on audit_checkpoints for each row execute function audit_log_refuse_change();
create trigger audit_checkpoints_no_delete before delete on audit_checkpoints for each row execute function audit_log_refuse_change();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints for each statement execute function audit_log_refuse_change();

-- Idempotency keys are HMAC-SHA256 under RCM_IDEMPOTENCY_KEY from here on. Runs created before this migration keep
-- their unkeyed keys; a new request is also looked up under its unkeyed key when its business date is on or before
-- the last business date asked about before the upgrade (null: there were no runs), so a question asked again
-- after the upgrade still finds its run.
create table idempotency_unkeyed_until (
    business_date  date
);
insert into idempotency_unkeyed_until (business_date) select max(business_date) from runs;
