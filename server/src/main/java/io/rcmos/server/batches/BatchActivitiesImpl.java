package io.rcmos.server.batches;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.runs.RunService;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The batch workflow's side effects. Starting a row's run goes through {@link RunService#submit} — the same path as
 * {@code POST /runs}, keyed by the row's question — so a retried or repeated advance, a re-upload, or a restart in the
 * middle never starts a row twice; the item is marked after its run exists.
 */
@Component
class BatchActivitiesImpl implements BatchActivities {

    private static final Logger log = LoggerFactory.getLogger(BatchActivitiesImpl.class);
    private static final Actor BOT = Actor.bot("batch-workflow");

    private final BatchStore store;
    private final RunService runs;
    private final Events events;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    BatchActivitiesImpl(BatchStore store, RunService runs, Events events, AuditLog audit, TransactionTemplate tx) {
        this.store = store;
        this.runs = runs;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
    }

    @Override
    public Progress advance(String batchId, int window) {
        UUID id = UUID.fromString(batchId);
        try (var ignored = MDC.putCloseable("batch_id", batchId)) {
            BatchStore.BatchRow batch = store.batch(id).orElseThrow(() ->
                    ApplicationFailure.newNonRetryableFailure("batch not found", "batch_not_found"));
            int moved = follow(id);
            boolean canceled = "canceled".equals(batch.status());
            Actor uploader = new Actor(batch.createdBy(), Actor.Type.USER);
            List<BatchStore.Pending> items = new ArrayList<>(store.takenWithoutRun(id, window));
            if (!canceled) {
                // taken rows without a run are queued items, counted as active already
                int room = window - (int) store.pendingAndActive(id)[1];
                if (room > 0) {
                    items.addAll(store.claimPending(id, room));
                }
            }
            int started = start(id, items, uploader);
            long[] left = store.pendingAndActive(id);
            if ((moved > 0 || started > 0) && store.progressDue(id)) {
                Map<String, Long> counts = store.counts(id);
                tx.executeWithoutResult(s -> events.append("batch.progressed", null, id, progressPayload(batch, counts)));
            }
            if (started > 0) {
                log.info("batch advanced started={} active={} pending={}", started, left[1], left[0]);
            }
            return new Progress(left[0], left[1], canceled);
        }
    }

    /**
     * Starts the rows' runs (keyed by their questions, so a repeat finds the same runs) together: recorded in one
     * transaction, their items marked in one statement. A row whose run can no longer be started — the configuration
     * changed since the upload — fails with the reason instead of holding up the batch.
     */
    private int start(UUID batchId, List<BatchStore.Pending> items, Actor uploader) {
        if (items.isEmpty()) {
            return 0;
        }
        List<RunService.Submission> submissions = submit(batchId, items, uploader);
        List<BatchStore.Started> started = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            RunService.Submission s = submissions.get(i);
            long row = items.get(i).row();
            if (s.refused() != null) {
                store.notStarted(batchId, row, s.refused().code(), s.refused().getMessage());
            } else {
                started.add(new BatchStore.Started(row, s.submitted().runId(), s.submitted().status().wire()));
            }
        }
        store.started(batchId, started);
        return started.size();
    }

    /**
     * The rows' submissions in row order: uploaded rows together ({@link RunService#submitAll}); a row of a rerun batch
     * ({@code POST /batches/{id}/rerun-failed}) as a deliberate rerun of its failed run ({@link RunService#rerunInBatch}:
     * asking its question again would only return the failed run).
     */
    private List<RunService.Submission> submit(UUID batchId, List<BatchStore.Pending> items, Actor uploader) {
        if (items.stream().allMatch(i -> i.rerunOf() == null)) {
            return runs.submitAll(items.stream().map(BatchStore.Pending::request).toList(), batchId, uploader);
        }
        List<BatchStore.Pending> asked = items.stream().filter(i -> i.rerunOf() == null).toList();
        java.util.Iterator<RunService.Submission> submitted = asked.isEmpty() ? java.util.Collections.emptyIterator()
                : runs.submitAll(asked.stream().map(BatchStore.Pending::request).toList(), batchId, uploader).iterator();
        List<RunService.Submission> out = new ArrayList<>(items.size());
        for (BatchStore.Pending item : items) {
            if (item.rerunOf() == null) {
                out.add(submitted.next());
                continue;
            }
            try {
                out.add(new RunService.Submission(runs.rerunInBatch(item.rerunOf(), batchId, uploader), null));
            } catch (ApiProblem e) {
                out.add(new RunService.Submission(null, e));
            }
        }
        return out;
    }

    /** Items take their runs' statuses; returns how many changed. */
    private int follow(UUID batchId) {
        Map<UUID, Long> active = store.active(batchId);
        if (active.isEmpty()) {
            return 0;
        }
        Map<String, List<UUID>> byStatus = new HashMap<>();
        runs.statuses(active.keySet()).forEach((runId, status) ->
                byStatus.computeIfAbsent(status.wire(), k -> new ArrayList<>()).add(runId));
        return store.follow(batchId, byStatus);
    }

    @Override
    public void finish(String batchId) {
        UUID id = UUID.fromString(batchId);
        try (var ignored = MDC.putCloseable("batch_id", batchId)) {
            BatchStore.BatchRow batch = store.batch(id).orElseThrow();
            tx.executeWithoutResult(s -> {
                if (store.markFinished(id)) {
                    Map<String, Long> counts = store.counts(id);
                    events.append("batch.completed", null, id, progressPayload(batch, counts));
                    audit.append(BOT, "batch.completed", "batch", batchId, null, Map.of("status",
                            "canceled".equals(batch.status()) ? "canceled" : "completed"));
                }
            });
            log.info("batch finished");
        }
    }

    static Map<String, Object> progressPayload(BatchStore.BatchRow batch, Map<String, Long> counts) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purpose", batch.purpose());
        payload.put("counts", Batches.counts(batch, counts));
        payload.put("progress", Batches.progress(batch, counts));
        return payload;
    }
}
