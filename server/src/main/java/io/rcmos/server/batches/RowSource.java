package io.rcmos.server.batches;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of an uploaded file, read as they stream in (one row in memory at a time). UTF-8 only, with or without a
 * byte order mark; CRLF or LF; RFC 4180 quoting for CSV; one JSON object per line for NDJSON. A file that cannot be
 * read as its format fails with {@link FileUnreadable} naming the line.
 */
abstract class RowSource implements AutoCloseable {

    /**
     * A data row: its number (1 = first data row), the file line it ends on, its values by canonical field, and its
     * own cells by the file's column names in file order ({@code cells}; null for a line that is not a JSON object).
     */
    record Row(long number, long line, Map<String, String> fields, JsonNode request, String problem, Map<String, String> cells,
               List<CellProblem> cellProblems) {
        Row(long number, long line, Map<String, String> fields, JsonNode request, String problem, Map<String, String> cells) {
            this(number, line, fields, request, problem, cells, List.of());
        }
    }

    /** One cell (CSV) or value (NDJSON) that cannot be taken: its column as the file names it, the field it maps to (or null). */
    record CellProblem(String column, String field, String message) {
    }

    /**
     * Bounds on what one row may hold: a CSV record or NDJSON line of at most {@code lineChars} characters (a longer
     * one refuses the file for CSV, whose records cannot be told apart past it, and is a row error for NDJSON), and a
     * cell or value of at most {@code cellChars} (a row error naming its column).
     */
    record Limits(int lineChars, int cellChars) {
        static final Limits DEFAULT = new Limits(65536, 1024);
    }

    /** Why a cell's text cannot be stored or used as it is, or null: it is never altered silently. */
    static String cellProblem(String value, Limits limits) {
        if (value == null) {
            return null;
        }
        if (value.length() > limits.cellChars()) {
            return "is longer than " + limits.cellChars() + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "must not contain control characters (it holds a NUL)";
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                return "contains an unpaired UTF-16 surrogate (broken text)";
            }
        }
        return null;
    }

    /** The header as resolved (CSV), or the fields seen in the first object (NDJSON). */
    abstract Columns.Header header();

    /** The next row, or null at the end. */
    abstract Row next();

    @Override
    public abstract void close();

    /** The whole file is unusable: never a 500, never half stored. */
    static final class FileUnreadable extends RuntimeException {
        final String code;
        final Long line;

        FileUnreadable(String code, String message, Long line) {
            super(message, null, false, false);
            this.code = code;
            this.line = line;
        }
    }

    static RowSource open(String format, InputStream raw, Map<String, String> mapping, JsonMapper json) {
        return open(format, raw, mapping, json, Limits.DEFAULT);
    }

    static RowSource open(String format, InputStream raw, Map<String, String> mapping, JsonMapper json, Limits limits) {
        Reader reader = utf8(raw);
        return "ndjson".equals(format) ? new Ndjson(reader, mapping, json, limits) : new Csv(new RecordGuard(reader, limits.lineChars()), mapping, limits);
    }

    /** A CSV record longer than the limit: the parser would hold all of it. */
    static final class RecordTooLong extends IOException {
        final long line;

        RecordTooLong(long line, int max) {
            super("the record starting on line " + line + " is longer than " + max + " characters");
            this.line = line;
        }
    }

    /**
     * Counts the characters of the CSV record being read (quotes followed, so a quoted line break continues the
     * record) and fails once one passes the limit, before the parser has buffered more than that.
     */
    private static final class RecordGuard extends java.io.FilterReader {
        private final int max;
        private boolean quoted;
        private long line = 1;
        private long recordStart = 1;
        private long length;

        RecordGuard(Reader in, int max) {
            super(in);
            this.max = max;
        }

        private void see(char c) throws RecordTooLong {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '\n') {
                line++;
                if (!quoted) {
                    length = 0;
                    recordStart = line;
                    return;
                }
            }
            if (++length > max) {
                throw new RecordTooLong(recordStart, max);
            }
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                see((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                see(buf[off + i]);
            }
            return n;
        }
    }

    /** A strict UTF-8 reader that skips a byte order mark and refuses binary content up front. */
    private static Reader utf8(InputStream raw) {
        try {
            PushbackInputStream in = new PushbackInputStream(raw, 4096);
            byte[] head = in.readNBytes(4096);
            if (head.length == 0) {
                throw new FileUnreadable("empty_file", "the file is empty", null);
            }
            for (byte b : head) {
                if (b == 0) {
                    throw new FileUnreadable("not_csv_or_ndjson", "the file holds binary data (a NUL byte in its first 4 KB), not CSV or NDJSON text", 1L);
                }
            }
            int skip = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
            in.unread(head, skip, head.length - skip);
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileUnreadable unreadable(IOException e, long line) {
        if (e instanceof CharacterCodingException) {
            return new FileUnreadable("not_utf8", "the file is not UTF-8 text (bad bytes near line " + line + ")", line);
        }
        throw new UncheckedIOException(e);
    }

    // ------------------------------------------------------------------------------------------------ CSV

    private static final class Csv extends RowSource {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final Columns.Header header;
        private final int width;
        /** The name of each column's cells (null for a column without a name); a repeated name gets " (2)", " (3)"… */
        private final String[] cellNames;
        private long rows;
        /** The line the last record ended on: a record that fails to parse started on the next one. */
        private long lastLine = 1;

        private final Limits limits;
        private final List<String> names;

        Csv(Reader reader, Map<String, String> mapping, Limits limits) {
            this.limits = limits;
            try {
                parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                        .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                        .setIgnoreSurroundingSpaces(false).get().parse(reader);
            } catch (IOException | UncheckedIOException e) {
                throw failure(e, 1);
            } catch (IllegalArgumentException e) {
                throw new FileUnreadable("no_usable_header", "the header line cannot be read as CSV: " + e.getMessage(), 1L);
            }
            names = parser.getHeaderNames();
            for (int i = 0; i < names.size(); i++) {
                String problem = cellProblem(names.get(i), limits);
                if (problem != null) {
                    throw new FileUnreadable("no_usable_header", "column " + (i + 1) + " of the header " + problem, 1L);
                }
            }
            if (names.isEmpty() || names.stream().allMatch(n -> n == null || n.isBlank())) {
                throw new FileUnreadable("no_usable_header", "the file has no header line naming its columns", 1L);
            }
            width = names.size();
            header = Columns.Header.of(names, mapping);
            cellNames = cellNames(names);
            records = parser.iterator();
        }

        private static String[] cellNames(List<String> names) {
            String[] out = new String[names.size()];
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < out.length; i++) {
                String name = names.get(i) == null ? "" : names.get(i).strip();
                if (name.isEmpty()) {
                    continue;
                }
                String unique = name;
                for (int n = 2; !seen.add(unique); n++) {
                    unique = name + " (" + n + ")";
                }
                out[i] = unique;
            }
            return out;
        }

        @Override
        Columns.Header header() {
            return header;
        }

        @Override
        Row next() {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw failure(e, lastLine + 1);
            }
            rows++;
            long line = parser.getCurrentLineNumber();
            lastLine = line;
            // a cell that cannot be taken as it is becomes a row error naming its column, and is neither used nor stored
            List<CellProblem> cellProblems = new java.util.ArrayList<>();
            java.util.Set<Integer> refused = new java.util.HashSet<>();
            for (int i = 0; i < record.size(); i++) {
                String problem = cellProblem(record.get(i), limits);
                if (problem != null) {
                    refused.add(i);
                    String column = i < width && names.get(i) != null && !names.get(i).isBlank() ? names.get(i).strip() : "column " + (i + 1);
                    cellProblems.add(new CellProblem(column, header.fieldAt().get(i), problem));
                }
            }
            Map<String, String> fields = new LinkedHashMap<>();
            header.fieldAt().forEach((i, field) -> {
                if (i < record.size()) {
                    fields.put(field, refused.contains(i) ? null : record.get(i));
                }
            });
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < width; i++) {
                if (cellNames[i] != null) {
                    cells.put(cellNames[i], i < record.size() && !refused.contains(i) ? record.get(i) : null);
                }
            }
            String problem = null;
            for (int i = width; i < record.size(); i++) {
                if (!refused.contains(i) && !record.get(i).isBlank()) {
                    problem = "has " + record.size() + " cells but the header names " + width + " columns";
                    break;
                }
            }
            return new Row(rows, line, fields, null, problem, cells, List.copyOf(cellProblems));
        }

        private static RuntimeException failure(Exception e, long line) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e.getCause() instanceof IOException io ? io : e;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RecordTooLong tooLong) {
                    return new FileUnreadable("line_too_long", tooLong.getMessage() + ": a row must fit in one record of at most that length",
                            tooLong.line);
                }
            }
            if (cause instanceof CharacterCodingException c) {
                return unreadable(c, line);
            }
            String message = e.getMessage() == null ? "unreadable CSV" : e.getMessage();
            // Commons CSV says where: "(line 12) EOF reached before encapsulated token finished"
            return new FileUnreadable("malformed_csv", "the file is not valid CSV: the record starting on line " + line + " "
                    + (message.contains("EOF reached before encapsulated token finished")
                    ? "opens a quoted field that never closes" : "cannot be read (" + message.replaceAll("\\s+", " ") + ")"), line);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                // the request stream: nothing to keep
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ NDJSON

    private static final class Ndjson extends RowSource {
        private final BufferedReader reader;
        private final Map<String, String> mapping;
        private final JsonMapper json;
        private long line;
        private long rows;
        private Row first;
        private Columns.Header header;

        private final Limits limits;

        Ndjson(Reader reader, Map<String, String> mapping, JsonMapper json, Limits limits) {
            this.limits = limits;
            this.reader = (BufferedReader) reader;
            this.mapping = mapping;
            this.json = json;
            first = read();
            if (first == null) {
                throw new FileUnreadable("empty_file", "the file has no rows", null);
            }
            if (first.problem() != null && first.problem().startsWith("is longer than")) {
                throw new FileUnreadable("line_too_long", "line " + first.line() + " " + first.problem(), first.line());
            }
            if (first.problem() != null && first.fields() == null && first.request() == null) {
                throw new FileUnreadable("not_csv_or_ndjson", "the first line is not a JSON object: this is not NDJSON", first.line());
            }
        }

        @Override
        Columns.Header header() {
            return header;
        }

        @Override
        Row next() {
            if (first != null) {
                Row r = first;
                first = null;
                return r;
            }
            return read();
        }

        /** A line longer than the limit: read to its end and dropped, the row refused. */
        private static final String TOO_LONG = new String("(too long)");

        /** The next line without its end (LF or CRLF), {@link #TOO_LONG} past the limit, null at the end of the file. */
        private String readLine() throws IOException {
            StringBuilder out = new StringBuilder();
            boolean any = false;
            boolean tooLong = false;
            int c;
            while ((c = reader.read()) >= 0) {
                any = true;
                if (c == '\n') {
                    break;
                }
                if (!tooLong) {
                    out.append((char) c);
                    if (out.length() > limits.lineChars() + 1) {
                        tooLong = true;
                        out.setLength(0);
                    }
                }
            }
            if (!any) {
                return null;
            }
            if (tooLong) {
                return TOO_LONG;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) == '\r') {
                out.setLength(out.length() - 1);
            }
            return out.length() > limits.lineChars() ? TOO_LONG : out.toString();
        }

        private Row read() {
            String text;
            try {
                do {
                    text = readLine();
                    line++;
                } while (text != null && text != TOO_LONG && text.isBlank());
            } catch (IOException e) {
                throw unreadable(e, line);
            }
            if (text == null) {
                return null;
            }
            rows++;
            if (text == TOO_LONG) {
                return new Row(rows, line, null, null, "is longer than " + limits.lineChars() + " characters", null);
            }
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (JacksonException e) {
                return new Row(rows, line, null, null, "is not valid JSON (column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ")", null);
            }
            if (node == null || !node.isObject()) {
                return new Row(rows, line, null, null, "is not a JSON object", null);
            }
            Map<String, String> cells = new LinkedHashMap<>();
            flatten("", node, cells);
            List<CellProblem> cellProblems = new java.util.ArrayList<>();
            for (Map.Entry<String, String> cell : cells.entrySet()) {
                String problem = cellProblem(cell.getValue(), limits);
                if (problem != null) {
                    cellProblems.add(new CellProblem(printableName(cell.getKey()), null, problem));
                    cell.setValue(null);
                }
            }
            for (Map.Entry<String, String> cell : new java.util.ArrayList<>(cells.entrySet())) {
                if (cellProblem(cell.getKey(), limits) != null) {
                    cells.remove(cell.getKey());
                    cellProblems.add(new CellProblem(printableName(cell.getKey()), null, "has a name that cannot be stored (NUL, broken text or too long)"));
                }
            }
            if (node.has("input")) {
                if (header == null) {
                    header = Columns.Header.of(RowRequests.fields(node), Map.of());
                }
                return new Row(rows, line, null, node, null, cells, List.copyOf(cellProblems));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            java.util.List<String> names = new java.util.ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                names.add(e.getKey());
                Columns.field(e.getKey(), mapping).ifPresent(f -> {
                    JsonNode v = e.getValue();
                    fields.put(f, v == null || v.isNull() ? null : v.isArray() ? join(v) : v.asString());
                });
            }
            if (header == null) {
                header = Columns.Header.of(names, mapping);
            }
            for (CellProblem p : cellProblems) {
                Columns.field(p.column(), mapping).ifPresent(f -> fields.put(f, null));
            }
            return new Row(rows, line, fields, null, null, cells, List.copyOf(cellProblems));
        }

        /** A property name as it may be echoed in a problem: no NUL, no broken text, at most 80 characters. */
        private static String printableName(String name) {
            String clean = name.replace('\u0000', '?').replaceAll("[\\uD800-\\uDFFF]", "?");
            return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
        }

        /** A line's own cells: its properties as text, nested objects as dotted names ({@code input.subscriber.member_id}). */
        private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String name = prefix + e.getKey();
                JsonNode v = e.getValue();
                if (v.isObject()) {
                    flatten(name + ".", v, out);
                } else {
                    out.put(name, v.isNull() ? null : v.isArray() ? join(v) : v.asString());
                }
            }
        }

        private static String join(JsonNode array) {
            StringBuilder out = new StringBuilder();
            array.forEach(v -> out.append(out.isEmpty() ? "" : ",").append(v.asString()));
            return out.toString();
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // the request stream: nothing to keep
            }
        }
    }
}
