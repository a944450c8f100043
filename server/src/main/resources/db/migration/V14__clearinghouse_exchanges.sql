-- The clearinghouse exchange journal (issue 12, crash recovery): every request to Stedi is written here with its
-- control number BEFORE it is sent, and its answer AFTER it came back, so an attempt that runs again after a crash
-- (a worker killed mid-call, the embedded Temporal server restarted with the process) never asks twice:
--   state 'answered' → the stored answer is used again, nothing is sent;
--   state 'sent'     → the answer never reached us: the same request goes again under the SAME control number
--                      (one exchange; Stedi's queries are read-only and the simulator answers a repeat from its record);
--   state 'failed'   → a refusal to retry (429, 5xx, an AAA 42…): the next attempt is a new exchange;
--   state 'settled'  → the run acted on the answer; a later, deliberate attempt (a person's Retry) is a new exchange.
-- At most one open ('sent'/'answered') exchange per run. `answer` is the clearinghouse's JSON (PHI, like
-- runs.output): read only by the channel, never served by the API.
create table clearinghouse_exchanges (
    id              bigserial   primary key,
    run_id          uuid        not null references runs (run_id) on delete cascade,
    path            text        not null,
    request_digest  text        not null,
    control_number  text        not null,
    isa             bigint      not null,
    gs              bigint      not null,
    st              bigint      not null,
    state           text        not null default 'sent' check (state in ('sent', 'answered', 'failed', 'settled')),
    sends           int         not null default 0,
    status          int,
    answer          jsonb,
    retry_after_ms  bigint,
    created_at      timestamptz not null default now(),
    answered_at     timestamptz
);
create unique index clearinghouse_exchanges_open on clearinghouse_exchanges (run_id) where state in ('sent', 'answered');
create index clearinghouse_exchanges_run on clearinghouse_exchanges (run_id, id);
