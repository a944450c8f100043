package io.rcmos.server.batches;

import io.rcmos.server.artifacts.Artifacts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes a batch's results and error report as CSV or JSON while the rows stream from the database. CSV opens
 * cleanly in a spreadsheet: UTF-8 with a byte order mark, CRLF, RFC 4180 quoting, and any cell a spreadsheet would
 * run as a formula ({@code = + - @}, tab, carriage return first) is prefixed with an apostrophe.
 */
final class ResultsFile {

    private static final List<String> ELIGIBILITY = List.of("coverage_status", "payer_name", "plan_name", "group_number", "plan_begin",
            "plan_end", "copay", "coinsurance_percent", "deductible_total", "deductible_remaining", "out_of_pocket_total",
            "out_of_pocket_remaining");
    private static final List<String> CLAIM_STATUS = List.of("payer_claim_number", "status_category_code", "status_code",
            "status_description", "effective_date", "total_charge", "amount_paid", "paid_date", "check_number", "claims");

    private ResultsFile() {
    }

    static List<String> header(String purpose) {
        List<String> h = new ArrayList<>(List.of("row", "line", "outcome", "run_id", "source", "route"));
        h.addAll("claim_status".equals(purpose) ? CLAIM_STATUS : ELIGIBILITY);
        h.addAll(List.of("error_code", "error_message", "run_url", "evidence"));
        return h;
    }

    /** The CSV header: the uploaded file's own columns first, then the answer's. */
    static List<String> csvHeader(List<String> uploaded, String purpose) {
        List<String> h = new ArrayList<>(uploaded);
        h.addAll(header(purpose));
        return h;
    }

    /** A CSV line: the row's own cells under the uploaded columns (blank where it had none), then the answer's fields. */
    static List<Object> csvRow(List<String> uploaded, String purpose, Batches.Line line, Map<String, Object> fields) {
        List<Object> cells = new ArrayList<>(uploaded.size() + fields.size());
        for (String column : uploaded) {
            cells.add(line.cells() == null ? null : text(line.cells(), column));
        }
        for (String column : header(purpose)) {
            cells.add(fields.get(column));
        }
        return cells;
    }

    /** The key result fields of a row, by column. */
    static Map<String, Object> fields(String purpose, Batches.Line line, UnaryOperator<String> absolute) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("row", line.row());
        f.put("line", line.line());
        f.put("outcome", line.outcome());
        f.put("run_id", line.runId());
        f.put("source", line.source());
        f.put("route", line.route());
        JsonNode o = line.output();
        if ("claim_status".equals(purpose)) {
            JsonNode claim = o == null ? null : o.path("claims").path(0);
            for (String c : CLAIM_STATUS.subList(0, CLAIM_STATUS.size() - 1)) {
                f.put(c, text(claim, c));
            }
            f.put("claims", o == null || !o.path("claims").isArray() ? null : o.get("claims").size());
        } else {
            f.put("coverage_status", text(o, "coverage_status"));
            f.put("payer_name", o == null ? null : text(o.path("payer"), "name"));
            f.put("plan_name", o == null ? null : text(o.path("plan"), "name"));
            f.put("group_number", o == null ? null : text(o.path("plan"), "group_number"));
            f.put("plan_begin", o == null ? null : text(o.path("plan"), "begin"));
            f.put("plan_end", o == null ? null : text(o.path("plan"), "end"));
            f.put("copay", text(o, "copay"));
            f.put("coinsurance_percent", text(o, "coinsurance_percent"));
            f.put("deductible_total", o == null ? null : text(o.path("deductible"), "total"));
            f.put("deductible_remaining", o == null ? null : text(o.path("deductible"), "remaining"));
            f.put("out_of_pocket_total", o == null ? null : text(o.path("out_of_pocket"), "total"));
            f.put("out_of_pocket_remaining", o == null ? null : text(o.path("out_of_pocket"), "remaining"));
        }
        f.put("error_code", line.errorCode());
        f.put("error_message", line.errorMessage());
        // links a person follows from the file, signed in: the run's console page, and each piece of (masked) evidence
        // through the API, which checks who asks, audits the read and hands out a fresh short-lived download link —
        // so a file opened tomorrow still works, and a leaked file opens nothing by itself
        f.put("run_url", line.runId() == null ? null : absolute.apply("/runs/" + line.runId()));
        List<String> urls = new ArrayList<>();
        line.evidence().forEach(id -> urls.add(absolute.apply(Artifacts.lastingPath(id))));
        f.put("evidence", urls);
        return f;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainer() ? null : v.asString();
    }

    /** A CSV writer over the response: BOM, CRLF, formula cells neutralised. */
    static final class Csv implements AutoCloseable {
        private final CSVPrinter printer;

        Csv(OutputStream out, List<String> header) {
            try {
                out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
                printer.printRecord(header);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void row(List<?> cells) {
            try {
                List<String> safe = new ArrayList<>(cells.size());
                for (Object cell : cells) {
                    safe.add(cell(cell));
                }
                printer.printRecord(safe);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flush() {
            try {
                printer.flush();
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

    /** A cell as text a spreadsheet shows as text: lists joined by spaces, formula starters neutralised. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    /** A JSON array written element by element. */
    static final class JsonArray implements AutoCloseable {
        private final JsonGenerator generator;

        JsonArray(JsonMapper json, OutputStream out) {
            generator = json.createGenerator(out);
            generator.writeStartArray();
        }

        void element(Object value) {
            generator.writePOJO(value);
        }

        void flush() {
            generator.flush();
        }

        @Override
        public void close() {
            generator.writeEndArray();
            generator.close();
        }
    }
}
