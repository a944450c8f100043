-- Asking again on purpose (issue 15): POST /batches/{id}/rerun-failed makes a new batch of a finished batch's failed
-- rows, linked to it; each of its rows reruns the row's failed run (a new run linked to it, key <key>/rerun-N).
alter table batches add column rerun_of uuid references batches (batch_id);
create index batches_rerun_of_idx on batches (rerun_of, created_at desc) where rerun_of is not null;
-- the failed run a row of a rerun batch reruns; null for uploaded rows (and for a failed row that never had a run,
-- which is simply submitted again)
alter table batch_items add column rerun_of_run uuid references runs (run_id);
