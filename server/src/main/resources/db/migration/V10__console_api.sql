-- The console's API (issue 11): reruns linked to their original, the uploaded row's own cells kept with each batch
-- row (echoed beside the answer in results files), and the answered-by source for listing runs.

-- A deliberate rerun is a new run of the same request, linked to the run it reruns.
alter table runs add column rerun_of uuid references runs (run_id);
create index runs_rerun_of_idx on runs (rerun_of, created_at desc) where rerun_of is not null;
-- GET /runs?source=: who answered a succeeded run (clearinghouse, portal, human)
create index runs_source_idx on runs ((output ->> 'source'), created_at desc) where status = 'succeeded';

-- The uploaded row's own cells ({"Their Column": "value"}). PHI like runs.input: served only to the roles that may
-- read batch results, never logged, evented or audited. json, not jsonb: the cells keep the file's column order.
alter table batch_items add column cells json;
-- The uploaded file's column names in file order (CSV header, or NDJSON keys as first seen), for the results file.
alter table batches add column columns jsonb;
