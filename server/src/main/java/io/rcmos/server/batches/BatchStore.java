package io.rcmos.server.batches;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The one place that knows {@code batches} and {@code batch_items}. */
@Component
class BatchStore {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;

    BatchStore(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    void insertBatch(UUID id, String purpose, String payerId, String route, String format, String fileName, Map<String, String> mapping,
                     String createdBy) {
        jdbc.sql("""
                        insert into batches (batch_id, purpose, payer_id, route, format, file_name, file_sha256, mapping, status, total,
                                             invalid, created_by)
                        values (?, ?, ?, ?, ?, ?, '', ?::jsonb, 'running', 0, 0, ?)""")
                .params(id, purpose, payerId, route, format, fileName, json.writeValueAsString(mapping), createdBy).update();
    }

    /**
     * Streams items into {@code batch_items} with PostgreSQL's COPY on the current transaction's connection, so a
     * million rows go in without a million statements and without being held in memory.
     */
    final class ItemWriter implements AutoCloseable {
        private final PGCopyOutputStream copy;
        private final CSVPrinter printer;
        private final UUID batchId;

        ItemWriter(UUID batchId) {
            this.batchId = batchId;
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), """
                        copy batch_items (batch_id, row_number, line, status, request, idempotency_key, errors, cells)
                        from stdin with (format csv)""", 1 << 16);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot stream batch items into PostgreSQL", e);
            }
            Writer writer = new OutputStreamWriter(copy, StandardCharsets.UTF_8);
            try {
                printer = new CSVPrinter(writer, CSVFormat.POSTGRESQL_CSV);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A valid row: its run request and key, and the uploaded row's own cells (PHI, like the request). */
        void valid(long row, long line, JsonNode request, String key, Map<String, String> cells) {
            print(row, line, "pending", json.writeValueAsString(request), key, null, cells);
        }

        void invalid(long row, long line, List<Map<String, Object>> errors, Map<String, String> cells) {
            print(row, line, "invalid", null, null, json.writeValueAsString(errors), cells);
        }

        private void print(long row, long line, String status, String request, String key, String errors, Map<String, String> cells) {
            try {
                printer.printRecord(batchId, row, line, status, request, key, errors, cells == null ? null : json.writeValueAsString(cells));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                printer.close(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    ItemWriter items(UUID batchId) {
        return new ItemWriter(batchId);
    }

    /**
     * Marks every repeat of an earlier row's question invalid, naming the row it repeats; returns how many. The rows
     * were just copied in by this transaction, so the planner is told about them first (ANALYZE), or it would join a
     * million rows by nested loops.
     */
    int markDuplicates(UUID batchId) {
        jdbc.sql("analyze batch_items").update();
        return jdbc.sql("""
                        with dups as (
                            select row_number, line, first from (
                                select row_number, line, min(row_number) over (partition by idempotency_key) as first
                                from batch_items where batch_id = ? and status = 'pending') w
                            where first <> row_number)
                        update batch_items b
                        set status = 'invalid', request = null,
                            errors = jsonb_build_array(jsonb_build_object('row', d.row_number, 'line', d.line, 'column', null, 'field', null,
                                     'message', 'repeats row ' || d.first || ': the same question is asked once'))
                        from dups d
                        where b.batch_id = ? and b.row_number = d.row_number""")
                .params(batchId, batchId).update();
    }

    /** The upload's figures, and the file's column names in file order (for the results file's header). */
    void totals(UUID batchId, long total, long invalid, String sha256, List<String> columns) {
        jdbc.sql("update batches set total = ?, invalid = ?, file_sha256 = ?, columns = ?::jsonb where batch_id = ?")
                .params(total, invalid, sha256, json.writeValueAsString(columns), batchId).update();
    }

    /** The uploaded file's column names in file order; empty for batches uploaded before they were kept. */
    List<String> columns(UUID batchId) {
        String text = jdbc.sql("select columns::text from batches where batch_id = ?").param(batchId).query(String.class).optional()
                .orElse(null);
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        json.readTree(text).forEach(n -> out.add(n.asString()));
        return out;
    }

    /** The problems of up to {@code limit} rows after {@code afterRow}, in row order (each problem names its row). */
    List<JsonNode> errors(UUID batchId, long afterRow, int limit) {
        List<JsonNode> out = new ArrayList<>();
        jdbc.sql("select errors from batch_items where batch_id = ? and errors is not null and row_number > ? order by row_number limit ?")
                .params(batchId, afterRow, limit)
                .query((rs, n) -> json.readTree(rs.getString(1)))
                .list()
                .forEach(errors -> errors.forEach(out::add));
        return out;
    }

    record BatchRow(UUID batchId, String purpose, String payerId, String route, String format, String fileName, String sha256,
                    String status, long total, long invalid, boolean workflowStarted, String createdBy, Instant createdAt,
                    Instant startedAt, Instant canceledAt, Instant finishedAt, UUID rerunOf) {
    }

    Optional<BatchRow> batch(UUID batchId) {
        return jdbc.sql("""
                        select batch_id, purpose, payer_id, route, format, file_name, file_sha256, status, total, invalid,
                               workflow_started, created_by, created_at, started_at, canceled_at, finished_at, rerun_of
                        from batches where batch_id = ?""")
                .param(batchId)
                .query(this::batchRow)
                .optional();
    }

    private BatchRow batchRow(java.sql.ResultSet rs, int n) throws SQLException {
        return new BatchRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                rs.getBoolean(11), rs.getString(12), ts(rs.getTimestamp(13)), ts(rs.getTimestamp(14)),
                ts(rs.getTimestamp(15)), ts(rs.getTimestamp(16)), rs.getObject(17, UUID.class));
    }

    /**
     * The batch, its row locked for the rest of the transaction: concurrent requests to rerun its failed rows are
     * decided one after the other (each sees the rerun batches committed before it).
     */
    Optional<BatchRow> batchForUpdate(UUID batchId) {
        return jdbc.sql("""
                        select batch_id, purpose, payer_id, route, format, file_name, file_sha256, status, total, invalid,
                               workflow_started, created_by, created_at, started_at, canceled_at, finished_at, rerun_of
                        from batches where batch_id = ? for update""")
                .param(batchId)
                .query(this::batchRow)
                .optional();
    }

    /** The newest batch rerunning {@code original}'s failed rows made within {@code window} (by the database's clock). */
    Optional<UUID> recentRerun(UUID original, java.time.Duration window) {
        return jdbc.sql("""
                        select batch_id from batches where rerun_of = ? and created_at > now() - make_interval(secs => ?)
                        order by created_at desc limit 1""")
                .params(original, window.toMillis() / 1000.0).query(UUID.class).optional();
    }

    /** The batches made of this batch's failed rows, oldest first. */
    List<UUID> rerunsOf(UUID batchId) {
        return jdbc.sql("select batch_id from batches where rerun_of = ? order by created_at, batch_id").param(batchId)
                .query(UUID.class).list();
    }

    /**
     * A new batch of {@code original}'s failed rows: the original's purpose, payer, route, file name, mapping and
     * columns, linked to it; each failed row copied as a pending row with its stored request, its own cells and its
     * row and line in the uploaded file, and the failed run it reruns ({@code rerun_of_run}; null for a row whose run
     * never started). Returns how many rows it holds (0: nothing inserted).
     */
    long insertRerunOfFailed(UUID batchId, UUID original, String createdBy) {
        long rows = jdbc.sql("select count(*) from batch_items where batch_id = ? and status = 'failed' and request is not null")
                .param(original).query(Long.class).single();
        if (rows == 0) {
            return 0;
        }
        jdbc.sql("""
                        insert into batches (batch_id, purpose, payer_id, route, format, file_name, file_sha256, mapping, status, total,
                                             invalid, created_by, columns, rerun_of)
                        select ?, purpose, payer_id, route, format, file_name, file_sha256, mapping, 'running', ?, 0, ?, columns, batch_id
                        from batches where batch_id = ?""")
                .params(batchId, rows, createdBy, original).update();
        jdbc.sql("""
                        insert into batch_items (batch_id, row_number, line, status, request, idempotency_key, cells, rerun_of_run)
                        select ?, row_number, line, 'pending', request, idempotency_key, cells, run_id
                        from batch_items where batch_id = ? and status = 'failed' and request is not null""")
                .params(batchId, original).update();
        return rows;
    }

    /** Items per status: always consistent, since they are counted, not kept. */
    Map<String, Long> counts(UUID batchId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select status, count(*) from batch_items where batch_id = ? group by status").param(batchId)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /**
     * A row taken for starting: its number and request, and for a row of a rerun batch the failed run it reruns
     * (null otherwise).
     */
    record Pending(long row, JsonNode request, UUID rerunOf) {
        Pending(long row, JsonNode request) {
            this(row, request, null);
        }
    }

    /**
     * Takes the next pending rows in row order (pending → queued, no run yet) in one statement, so a cancel that
     * commits first leaves them canceled, and a cancel that commits after finds them taken.
     */
    List<Pending> claimPending(UUID batchId, int limit) {
        return jdbc.sql("""
                        update batch_items set status = 'queued'
                        where batch_id = ? and row_number in (
                            select row_number from batch_items where batch_id = ? and status = 'pending'
                            order by row_number limit ? for update skip locked)
                        returning row_number, request, rerun_of_run""")
                .params(batchId, batchId, limit)
                .query((rs, n) -> new Pending(rs.getLong(1), json.readTree(rs.getString(2)), rs.getObject(3, UUID.class))).list()
                .stream().sorted(java.util.Comparator.comparingLong(Pending::row)).toList();
    }

    /** Rows taken but whose run was not recorded (the process stopped in between): started again, by their key. */
    List<Pending> takenWithoutRun(UUID batchId, int limit) {
        return jdbc.sql("""
                        select row_number, request, rerun_of_run from batch_items
                        where batch_id = ? and status = 'queued' and run_id is null order by row_number limit ?""")
                .params(batchId, limit)
                .query((rs, n) -> new Pending(rs.getLong(1), json.readTree(rs.getString(2)), rs.getObject(3, UUID.class))).list();
    }

    /** A row whose run exists: the item holds the run and its status. */
    record Started(long row, UUID runId, String status) {
    }

    /** The items of rows whose runs exist take them, in one statement. */
    void started(UUID batchId, List<Started> started) {
        if (started.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update batch_items b set run_id = s.run_id, status = s.status
                          from unnest(?::bigint[], ?::uuid[], ?::text[]) as s(row_number, run_id, status)
                         where b.batch_id = ? and b.row_number = s.row_number""")
                .params(started.stream().map(Started::row).toArray(Long[]::new),
                        started.stream().map(Started::runId).toArray(UUID[]::new),
                        started.stream().map(Started::status).toArray(String[]::new), batchId)
                .update();
    }

    /** A row whose run could not be started (the configuration changed since the upload): failed with the reason. */
    void notStarted(UUID batchId, long row, String code, String message) {
        jdbc.sql("""
                        update batch_items set status = 'failed',
                               errors = jsonb_build_array(jsonb_build_object('row', row_number, 'line', line, 'column', null,
                                        'field', null, 'message', ?::text, 'code', ?::text))
                        where batch_id = ? and row_number = ?""")
                .params(message, code, batchId, row).update();
    }

    /** Rows not yet started and runs not yet finished, from the partial indexes (cheap however big the batch). */
    long[] pendingAndActive(UUID batchId) {
        long pending = jdbc.sql("select count(*) from batch_items where batch_id = ? and status = 'pending'").param(batchId)
                .query(Long.class).single();
        long active = jdbc.sql("select count(*) from batch_items where batch_id = ? and status in ('queued', 'running', 'waiting_for_human')")
                .param(batchId).query(Long.class).single();
        return new long[]{pending, active};
    }

    /** Whether a progress event is due (none in the last two seconds); marks it emitted. */
    boolean progressDue(UUID batchId) {
        return jdbc.sql("""
                        update batches set progressed_at = now()
                        where batch_id = ? and (progressed_at is null or progressed_at < now() - interval '2 seconds')""")
                .param(batchId).update() == 1;
    }

    /** The run ids of items whose run has not finished yet (as last seen). */
    Map<UUID, Long> active(UUID batchId) {
        Map<UUID, Long> out = new LinkedHashMap<>();
        jdbc.sql("""
                        select run_id, row_number from batch_items
                        where batch_id = ? and status in ('queued', 'running', 'waiting_for_human') and run_id is not null""")
                .param(batchId).query((rs, n) -> out.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        return out;
    }

    /** Items follow their runs: one statement per status seen; returns how many items changed. */
    int follow(UUID batchId, Map<String, List<UUID>> runsByStatus) {
        int changed = 0;
        for (Map.Entry<String, List<UUID>> e : runsByStatus.entrySet()) {
            changed += jdbc.sql("""
                            update batch_items set status = ?
                            where batch_id = ? and status in ('queued', 'running', 'waiting_for_human') and run_id = any (?) and status <> ?""")
                    .params(e.getKey(), batchId, e.getValue().toArray(UUID[]::new), e.getKey()).update();
        }
        return changed;
    }

    int cancelPending(UUID batchId) {
        return jdbc.sql("update batch_items set status = 'canceled' where batch_id = ? and status = 'pending'").param(batchId).update();
    }

    boolean markCanceled(UUID batchId) {
        return jdbc.sql("update batches set status = 'canceled', canceled_at = now() where batch_id = ? and status = 'running'")
                .param(batchId).update() == 1;
    }

    boolean markFinished(UUID batchId) {
        return jdbc.sql("""
                        update batches set status = case when status = 'canceled' then 'canceled' else 'completed' end,
                               finished_at = now() where batch_id = ? and finished_at is null""")
                .param(batchId).update() == 1;
    }

    void markStarted(UUID batchId) {
        jdbc.sql("update batches set workflow_started = true, started_at = coalesce(started_at, now()) where batch_id = ?").param(batchId).update();
    }

    void markUnstarted(UUID batchId) {
        jdbc.sql("update batches set workflow_started = false where batch_id = ?").param(batchId).update();
    }

    List<UUID> unstarted(int limit) {
        return jdbc.sql("select batch_id from batches where workflow_started = false and finished_at is null order by created_at limit ?")
                .param(limit).query(UUID.class).list();
    }

    List<UUID> unfinished() {
        return jdbc.sql("select batch_id from batches where finished_at is null").query(UUID.class).list();
    }

    /** One page of items for an export, in row order, with the uploaded row's own cells (null for older batches). */
    record Item(long row, long line, String status, UUID runId, JsonNode errors, JsonNode cells) {
    }

    List<Item> items(UUID batchId, long afterRow, int limit) {
        return jdbc.sql("""
                        select row_number, line, status, run_id, errors, cells from batch_items
                        where batch_id = ? and row_number > ? order by row_number limit ?""")
                .params(batchId, afterRow, limit)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, UUID.class),
                        rs.getString(5) == null ? null : json.readTree(rs.getString(5)),
                        rs.getString(6) == null ? null : json.readTree(rs.getString(6))))
                .list();
    }

    record Summary(UUID batchId, String purpose, String payerId, String status, long total, long invalid, String fileName,
                   Instant createdAt, Instant finishedAt, UUID rerunOf) {
    }

    List<Summary> list(int limit) {
        return jdbc.sql("""
                        select batch_id, purpose, payer_id, status, total, invalid, file_name, created_at, finished_at, rerun_of
                        from batches order by created_at desc limit ?""")
                .param(limit)
                .query((rs, n) -> new Summary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getString(7), ts(rs.getTimestamp(8)), ts(rs.getTimestamp(9)),
                        rs.getObject(10, UUID.class)))
                .list();
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
