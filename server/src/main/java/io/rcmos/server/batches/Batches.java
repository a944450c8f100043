package io.rcmos.server.batches;

import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.runs.RunService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/** The batches module's facade: a batch's state and counts, cancel, and its rows with their outcomes for export. */
@Component
public class Batches {

    private final BatchStore store;
    private final RunService runs;
    private final Artifacts artifacts;
    private final Events events;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final BatchStarter starter;

    Batches(BatchStore store, RunService runs, org.springframework.beans.factory.ObjectProvider<Artifacts> artifacts, Events events,
            AuditLog audit, TransactionTemplate tx, BatchStarter starter) {
        this.store = store;
        this.runs = runs;
        this.artifacts = artifacts.getIfAvailable();
        this.events = events;
        this.audit = audit;
        this.tx = tx;
        this.starter = starter;
    }

    /**
     * {@code GET /batches/{id}}. {@code progress} is the share of valid rows whose run has ended; {@code rerunOf} is the
     * batch whose failed rows this one reruns (null for an upload), {@code reruns} the batches rerunning this one's
     * failed rows (oldest first).
     */
    public record View(UUID batchId, String status, String purpose, String payerId, String route, String format, String fileName,
                       String fileSha256, Map<String, Long> counts, double progress, Instant createdAt, Instant startedAt,
                       Instant canceledAt, Instant finishedAt, UUID rerunOf, List<UUID> reruns) {
    }

    public View get(UUID batchId) {
        BatchStore.BatchRow b = store.batch(batchId).orElseThrow(() -> new BatchNotFound(batchId));
        Map<String, Long> items = store.counts(batchId);
        return new View(b.batchId(), b.status(), b.purpose(), b.payerId(), b.route(), b.format(), b.fileName(), b.sha256(),
                counts(b, items), progress(b, items), b.createdAt(), b.startedAt(), b.canceledAt(), b.finishedAt(), b.rerunOf(),
                store.rerunsOf(batchId));
    }

    /**
     * Within this long after a batch's failed rows were rerun, asking again returns that rerun batch: a double-click
     * makes one batch, not two (like {@code POST /runs/{id}/rerun}).
     */
    static final java.time.Duration RERUN_WINDOW = java.time.Duration.ofSeconds(5);

    /** The answer to {@code POST /batches/{id}/rerun-failed}: the new batch (or the recent one a repeat found). */
    public record RerunFailed(UUID batchId, UUID rerunOf, boolean created, long rows, View batch) {
    }

    /**
     * A new batch of a finished batch's failed rows, linked to it ({@code rerun_of}). Each row keeps its stored
     * request (same purpose, payer, route), its cells and its row and line in the uploaded file; the batch workflow
     * starts each as a deliberate rerun of the row's failed run ({@link RunService#rerunInBatch}: a new run linked to
     * it, key {@code <key>/rerun-N}), since asking the same question again would only return the failed run. A row
     * that failed without a run (its route went away) is submitted again. Refused with 409 while the batch is
     * running ({@code batch_not_finished}) and when it has no failed row ({@code no_failed_rows}). A repeat within
     * {@link #RERUN_WINDOW} returns the batch the first one made ({@code created: false}).
     */
    RerunFailed rerunFailed(UUID originalId, Actor actor) {
        UUID candidate = UUID.randomUUID();
        RerunFailed answer = tx.execute(s -> {
            BatchStore.BatchRow original = store.batchForUpdate(originalId).orElseThrow(() -> new BatchNotFound(originalId));
            if (original.finishedAt() == null) {
                throw new BatchNotFinished(originalId, original.status());
            }
            java.util.Optional<UUID> recent = store.recentRerun(originalId, RERUN_WINDOW);
            if (recent.isPresent()) {
                return new RerunFailed(recent.get(), originalId, false, store.batch(recent.get()).map(BatchStore.BatchRow::total).orElse(0L), null);
            }
            long rows = store.insertRerunOfFailed(candidate, originalId, actor.name());
            if (rows == 0) {
                throw new NoFailedRows(originalId);
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("purpose", original.purpose());
            payload.put("total", rows);
            payload.put("valid", rows);
            payload.put("invalid", 0);
            payload.put("rerun_of", originalId.toString());
            events.append("batch.created", null, candidate, payload);
            audit.append(actor, "batch.rerun_failed", "batch", candidate.toString(), null,
                    Map.of("rerun_of", originalId.toString(), "rows", rows));
            return new RerunFailed(candidate, originalId, true, rows, null);
        });
        if (answer.created()) {
            starter.start(answer.batchId());
        }
        return new RerunFailed(answer.batchId(), originalId, answer.created(), answer.rows(), get(answer.batchId()));
    }

    List<BatchStore.Summary> list(int limit) {
        return store.list(limit);
    }

    /** The counts of api.md from the items' statuses (counted, so they always add up). */
    static Map<String, Long> counts(BatchStore.BatchRow b, Map<String, Long> items) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("total", b.total());
        c.put("valid", b.total() - b.invalid());
        c.put("invalid", b.invalid());
        for (String s : List.of("pending", "queued", "running", "waiting_for_human", "succeeded", "failed", "canceled")) {
            c.put(s, items.getOrDefault(s, 0L));
        }
        return c;
    }

    static double progress(BatchStore.BatchRow b, Map<String, Long> items) {
        long valid = b.total() - b.invalid();
        if (valid == 0) {
            return 1.0;
        }
        long ended = items.getOrDefault("succeeded", 0L) + items.getOrDefault("failed", 0L) + items.getOrDefault("canceled", 0L);
        return Math.min(1.0, ended / (double) valid);
    }

    /** Stops starting rows; runs already started finish. Idempotent: canceling a finished batch changes nothing. */
    public View cancel(UUID batchId, Actor actor) {
        BatchStore.BatchRow b = store.batch(batchId).orElseThrow(() -> new BatchNotFound(batchId));
        tx.executeWithoutResult(s -> {
            if (store.markCanceled(batchId)) {
                int canceled = store.cancelPending(batchId);
                events.append("batch.canceled", null, batchId, Map.of("purpose", b.purpose(), "rows_not_started", canceled));
                audit.append(actor, "batch.canceled", "batch", batchId.toString(), null, Map.of("rows_not_started", canceled));
            }
        });
        starter.poke(batchId);
        return get(batchId);
    }

    /**
     * One row of a results file: what was asked (row, line, and the uploaded row's own cells), what happened, and which
     * evidence there is (the run's served artifacts; a results file links to them by {@link Artifacts#lastingPath}).
     */
    public record Line(long row, long line, JsonNode cells, String outcome, UUID runId, String route, String source, JsonNode output,
                       String errorCode, String errorMessage, List<UUID> evidence) {
    }

    /** The uploaded file's column names in file order (the results file repeats them first). */
    List<String> columns(UUID batchId) {
        return store.columns(batchId);
    }

    /** Every row in input order, a page of runs and artifacts at a time (never the whole batch in memory). */
    void lines(UUID batchId, Consumer<Line> sink) {
        store.batch(batchId).orElseThrow(() -> new BatchNotFound(batchId));
        long after = 0;
        while (true) {
            List<BatchStore.Item> page = store.items(batchId, after, 500);
            if (page.isEmpty()) {
                return;
            }
            List<UUID> runIds = page.stream().map(BatchStore.Item::runId).filter(Objects::nonNull).toList();
            Map<UUID, RunService.Outcome> outcomes = runs.outcomes(runIds);
            Map<UUID, List<UUID>> evidence = artifacts == null ? Map.of() : artifacts.servedIds(runIds);
            for (BatchStore.Item item : page) {
                RunService.Outcome o = item.runId() == null ? null : outcomes.get(item.runId());
                if (o == null) {
                    String message = item.errors() == null ? null : describe(item.errors());
                    sink.accept(new Line(item.row(), item.line(), item.cells(), item.status(), null, null, null, null,
                            "invalid".equals(item.status()) ? "invalid_row" : item.errors() == null ? null
                                    : item.errors().path(0).path("code").asString("not_started"), message, List.of()));
                } else {
                    sink.accept(new Line(item.row(), item.line(), item.cells(), o.status().wire(), o.runId(), o.route(),
                            o.output() == null ? null : o.output().path("source").asString(null), o.output(),
                            o.error() == null ? null : o.error().code(), o.error() == null ? null : o.error().message(),
                            evidence.getOrDefault(o.runId(), List.of())));
                }
            }
            after = page.get(page.size() - 1).row();
        }
    }

    /** A row's problems as one sentence: "Member ID: is required; DOB: must be a date". */
    private static String describe(JsonNode errors) {
        List<String> parts = new ArrayList<>();
        errors.forEach(e -> parts.add((e.path("column").isNull() || e.path("column").isMissingNode() ? "" : e.get("column").asString() + ": ")
                + e.path("message").asString("")));
        return String.join("; ", parts);
    }

    /** The error report, in row order, a page of rows with problems at a time. */
    void errors(UUID batchId, Consumer<JsonNode> sink) {
        store.batch(batchId).orElseThrow(() -> new BatchNotFound(batchId));
        long after = 0;
        while (true) {
            List<JsonNode> page = store.errors(batchId, after, 1000);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(sink);
            after = page.get(page.size() - 1).path("row").asLong();
        }
    }

    static final class BatchNotFinished extends ApiProblem {
        BatchNotFinished(UUID id, String status) {
            super(HttpStatus.CONFLICT, "batch_not_finished", "batch " + id + " is " + status
                    + ": its failed rows can be rerun once every row has finished");
        }
    }

    static final class NoFailedRows extends ApiProblem {
        NoFailedRows(UUID id) {
            super(HttpStatus.CONFLICT, "no_failed_rows", "batch " + id + " has no failed rows: there is nothing to rerun");
        }
    }

    static final class BatchNotFound extends ApiProblem {
        BatchNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "batch_not_found", "no batch " + id);
        }
    }
}
