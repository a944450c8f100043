package io.rcmos.server.batches;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.runs.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Takes a file as it streams from its {@link UploadSpool} (already off the network, so the transaction below never waits on a
 * client): every row checked like {@code POST /runs} (problems stored with row, line, column
 * and message — never the value), repeats of a question marked, and the batch with all its rows committed in one
 * transaction. A file that is unreadable as a whole is refused with a 4xx and nothing is stored. A dry run does all
 * of it and then rolls back.
 */
@Component
class BatchUploads {

    private static final Logger log = LoggerFactory.getLogger(BatchUploads.class);
    /** Problems returned in the upload's answer; the full report is {@code GET /batches/{id}/errors}. */
    private static final int ERRORS_IN_ANSWER = 100;
    /** Rows whose cells the answer carries (a preview shows them). */
    static final int SAMPLE_ROWS = 20;
    /** Column names kept for a batch's results file (NDJSON lines may each name others; more are left out of it). */
    private static final int MAX_COLUMNS = 200;

    private final BatchStore store;
    private final RunService runs;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Events events;
    private final AuditLog audit;

    private final RowSource.Limits limits;

    BatchUploads(BatchStore store, RunService runs, TransactionTemplate tx, JsonMapper json, Events events, AuditLog audit,
                 @org.springframework.beans.factory.annotation.Value("${rcm.limits.upload-line-chars:65536}") int lineChars,
                 @org.springframework.beans.factory.annotation.Value("${rcm.limits.upload-cell-chars:1024}") int cellChars) {
        this.limits = new RowSource.Limits(lineChars, cellChars);
        this.store = store;
        this.runs = runs;
        this.tx = tx;
        this.json = json;
        this.events = events;
        this.audit = audit;
    }

    /** What the file is and what to do with its rows. {@code payerId} may be null when the file has a payer column. */
    record Upload(String purpose, String payerId, String route, String format, String fileName, Map<String, String> mapping,
                  boolean dryRun) {
    }

    /**
     * The upload's answer: the batch, its counts and the first problems; the file's header as understood and the
     * cells of its first {@link #SAMPLE_ROWS} rows (for a preview).
     */
    record Accepted(UUID batchId, long total, long valid, long invalid, long duplicates, List<JsonNode> errors, List<String> ignoredColumns,
                    boolean dryRun, Columns.Header header, List<Sample> sample) {
    }

    /** One row as uploaded: where it is in the file and its own cells (null for a line that is not a JSON object). */
    record Sample(long row, long line, Map<String, String> cells) {
    }

    Accepted upload(Upload upload, InputStream body, Actor actor) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DigestInputStream digesting = new DigestInputStream(body, sha);
        UUID batchId = UUID.randomUUID();
        long started = System.nanoTime();
        Accepted accepted = tx.execute(status -> {
            store.insertBatch(batchId, upload.purpose(), upload.payerId(), upload.route(), upload.format(), upload.fileName(),
                    upload.mapping(), actor.name());
            long total = 0;
            long invalid = 0;
            List<JsonNode> firstErrors = new ArrayList<>();
            List<Sample> sample = new ArrayList<>();
            Set<String> columns = new java.util.LinkedHashSet<>();
            Columns.Header header;
            try (RowSource rows = RowSource.open(upload.format(), digesting, upload.mapping(), json, limits);
                 BatchStore.ItemWriter items = store.items(batchId)) {
                RowSource.Row row = rows.next();
                header = rows.header();
                checkHeader(header, upload);
                for (; row != null; row = rows.next()) {
                    total++;
                    if (sample.size() < SAMPLE_ROWS) {
                        sample.add(new Sample(row.number(), row.line(), row.cells()));
                    }
                    if (row.cells() != null) {
                        for (String name : row.cells().keySet()) {
                            if (columns.size() >= MAX_COLUMNS) {
                                break;
                            }
                            columns.add(name);
                        }
                    }
                    List<Map<String, Object>> problems = check(row, rows.header(), upload, items);
                    if (!problems.isEmpty()) {
                        invalid++;
                        if (firstErrors.size() < ERRORS_IN_ANSWER) {
                            problems.stream().limit(ERRORS_IN_ANSWER - firstErrors.size()).forEach(p -> firstErrors.add(json.valueToTree(p)));
                        }
                    }
                }
            } catch (RowSource.FileUnreadable e) {
                status.setRollbackOnly();
                throw new FileRefused(e.code, e.getMessage(), e.line);
            }
            if (total == 0) {
                status.setRollbackOnly();
                throw new FileRefused("empty_file", "the file has a header but no rows", null);
            }
            int duplicates = store.markDuplicates(batchId);
            if (duplicates > 0 && firstErrors.size() < ERRORS_IN_ANSWER) {
                firstErrors.addAll(store.errors(batchId, 0, ERRORS_IN_ANSWER).stream()
                        .filter(e -> e.path("message").asString("").startsWith("repeats row"))
                        .limit(ERRORS_IN_ANSWER - firstErrors.size()).toList());
            }
            invalid += duplicates;
            store.totals(batchId, total, invalid, HexFormat.of().formatHex(sha.digest()), List.copyOf(columns));
            if (upload.dryRun()) {
                status.setRollbackOnly();
            } else {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("purpose", upload.purpose());
                payload.put("total", total);
                payload.put("valid", total - invalid);
                payload.put("invalid", invalid);
                events.append("batch.created", null, batchId, payload);
                audit.append(actor, "batch.created", "batch", batchId.toString(), null,
                        Map.of("rows", total, "invalid", invalid, "format", upload.format()));
            }
            return new Accepted(batchId, total, total - invalid, invalid, duplicates, firstErrors, header.ignored(), upload.dryRun(),
                    header, List.copyOf(sample));
        });
        log.info("batch upload rows={} invalid={} dry_run={} ms={}", accepted.total(), accepted.invalid(), upload.dryRun(),
                (System.nanoTime() - started) / 1_000_000);
        return accepted;
    }

    /** A header must name the fields every row needs, or no row could ever be valid. */
    private static void checkHeader(Columns.Header header, Upload upload) {
        if (header == null) {
            return;
        }
        Set<String> has = header.columnOf().keySet();
        List<String> missing = new ArrayList<>();
        if (!has.contains("npi")) {
            missing.add("npi (e.g. NPI, Provider NPI)");
        }
        if (!has.contains("member_id") && !has.contains("last_name") && !has.contains("date_of_birth")) {
            missing.add("one of member_id, last_name, date_of_birth (e.g. Member ID, Subscriber ID, Last Name, DOB)");
        }
        if (upload.payerId() == null && !has.contains("payer_id")) {
            missing.add("payer_id (a column, or the payer_id parameter)");
        }
        if ("claim_status".equals(upload.purpose())) {
            for (String f : List.of("patient_control_number", "service_date_from", "service_date_to")) {
                if (!has.contains(f)) {
                    missing.add(f);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new FileRefused("no_usable_header", "the header does not name the columns " + ("claim_status".equals(upload.purpose())
                    ? "a claim status" : "an eligibility") + " row needs: "
                    + String.join("; ", missing) + (header.ignored().isEmpty() ? "" : ". " + header.ignored().size()
                    + " column(s) of line 1 are not recognised: is line 1 a header? Map other names with the mapping parameter"), 1L);
        }
    }

    /**
     * Checks one row and writes it as an item; returns its problems (empty when valid): every problem of the row, not
     * the first — cells that cannot be taken, a purpose other than the batch's, and every field the run checks refuse.
     */
    private List<Map<String, Object>> check(RowSource.Row row, Columns.Header header, Upload upload, BatchStore.ItemWriter items) {
        List<Map<String, Object>> problems = new ArrayList<>();
        if (row.problem() != null) {
            problems.add(problem(row, null, null, row.problem()));
            items.invalid(row.number(), row.line(), problems, row.cells());
            return problems;
        }
        Set<String> refusedColumns = new java.util.HashSet<>();
        for (RowSource.CellProblem p : row.cellProblems()) {
            problems.add(problem(row, p.column(), p.field(), p.message()));
            refusedColumns.add(p.column());
        }
        if (!problems.isEmpty() && row.request() != null) {
            // a run request (NDJSON) with a value that cannot be taken: its other checks need it whole
            items.invalid(row.number(), row.line(), problems, row.cells());
            return problems;
        }
        ObjectNode request;
        if (row.request() != null) {
            request = (ObjectNode) row.request().deepCopy();
            if (!request.has("purpose")) {
                request.put("purpose", upload.purpose());
            }
            if (!request.has("payer_id") && upload.payerId() != null) {
                request.put("payer_id", upload.payerId());
            }
            if (!request.has("route")) {
                request.put("route", upload.route());
            }
        } else {
            request = RowRequests.request(json, upload.purpose(), upload.payerId(), upload.route(), row.fields());
        }
        if (!upload.purpose().equals(request.path("purpose").asString(""))) {
            problems.add(problem(row, "purpose", "purpose", "must be " + upload.purpose() + ", the batch's purpose"));
            // the rest of the row is still checked, as a row of the batch's purpose
            request.put("purpose", upload.purpose());
        }
        RunService.Check check = runs.check(request);
        for (FieldProblem p : check.problems()) {
            String column = row.request() != null || header == null ? p.field() : header.column(RowRequests.fieldOf(p.field()));
            if (column != null && refusedColumns.contains(column)) {
                continue; // the cell was refused above: one problem a column
            }
            problems.add(problem(row, column, p.field(), p.message()));
        }
        if (problems.isEmpty()) {
            items.valid(row.number(), row.line(), request, check.idempotencyKey(), row.cells());
            return problems;
        }
        items.invalid(row.number(), row.line(), problems, row.cells());
        return problems;
    }

    private static Map<String, Object> problem(RowSource.Row row, String column, String field, String message) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("row", row.number());
        p.put("line", row.line());
        p.put("column", column);
        p.put("field", field);
        p.put("message", message);
        return p;
    }

    /** The file as a whole is refused: 400 (422 for a header that names nothing usable), nothing stored. */
    static final class FileRefused extends ApiProblem {
        FileRefused(String code, String message, Long line) {
            super("no_usable_header".equals(code) ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST, code, message,
                    List.of(new FieldProblem("file", message, null, line, null)));
        }
    }
}
