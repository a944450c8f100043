-- Issue 13: appends to the audit log and the outbox without a global lock.
--
-- A business transaction inserts its audit entry and its event with their chain fields (seq, prev_hash, hash) and
-- their reader position still empty, and takes no lock. The ledger's sequencer (one at a time across processes: a
-- transaction-scoped advisory lock taken only by its own transaction) then fills them in, in batches, in insertion
-- order of what has committed: outbox positions without gaps, and the audit chain (HMAC-SHA256 as before). Positions
-- and sequence numbers therefore commit in order, and readers that only look at filled rows never skip one.
-- Rows written before this migration keep their seq and hash; an event's position is its id.

-- audit_log: the row's identity is `id` (insertion order); `seq` is its place in the chain, given once.
drop trigger audit_log_no_update on audit_log;
alter table audit_log add column id bigint;
update audit_log set id = seq;
create sequence audit_log_id_seq owned by audit_log.id;
select setval('audit_log_id_seq', coalesce((select max(id) from audit_log), 0) + 1, false);
alter table audit_log alter column id set default nextval('audit_log_id_seq');
alter table audit_log alter column id set not null;
alter table audit_log drop constraint audit_log_pkey;
alter table audit_log add constraint audit_log_pkey primary key (id);
alter table audit_log alter column seq drop not null;
alter table audit_log alter column prev_hash drop not null;
alter table audit_log alter column hash drop not null;
alter table audit_log add constraint audit_log_seq_key unique (seq);
alter table audit_log add constraint audit_log_chained_at_once
    check ((seq is null) = (prev_hash is null) and (seq is null) = (hash is null));
create index audit_log_unchained_idx on audit_log (id) where seq is null;

-- Still append-only: the one change allowed is the sequencer's single filling of an unchained entry's chain fields,
-- with every other column left as written.
create function audit_log_chain_once() returns trigger language plpgsql as $$
begin
    if old.seq is null and old.prev_hash is null and old.hash is null
            and new.seq is not null and new.prev_hash is not null and new.hash is not null
            and to_jsonb(new) - 'seq' - 'prev_hash' - 'hash' = to_jsonb(old) - 'seq' - 'prev_hash' - 'hash' then
        return new;
    end if;
    raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_chain_once();

-- outbox_events: `position` is what readers page by (the SSE id, the Redis stream id, relay offsets).
alter table outbox_events add column position bigint;
update outbox_events set position = id;
alter table outbox_events add constraint outbox_events_position_key unique (position);
create index outbox_events_unpositioned_idx on outbox_events (id) where position is null;
drop index outbox_events_run_idx;
drop index outbox_events_batch_idx;
create index outbox_events_run_idx on outbox_events (run_id, position) where run_id is not null;
create index outbox_events_batch_idx on outbox_events (batch_id, position) where batch_id is not null;
