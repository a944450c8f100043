-- Claims a payer left pending (277 category P*) on a run's answer: a later 277 announced by webhook is attached to
-- the runs watching its payer claim number. A watch ends when its claim is finalized.
create table claim_status_watches (
    payer_id            text        not null,
    payer_claim_number  text        not null,
    run_id              uuid        not null references runs (run_id),
    created_at          timestamptz not null default now(),
    primary key (payer_id, payer_claim_number, run_id)
);

-- What an accepted delivery led to: the runs whose output it amended.
alter table webhook_deliveries add column attached_runs integer not null default 0;
