package io.rcmos.server.batches;

import io.rcmos.server.audit.PhiReads;
import io.rcmos.server.platform.RcmHome;
import io.rcmos.server.platform.web.InvalidParameter;
import io.rcmos.server.runs.RunService;
import io.rcmos.server.security.CurrentActor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /batches} (a CSV or NDJSON file as the raw body, or multipart field {@code file}; parameters
 * {@code purpose}, {@code payer_id} unless the file has a payer column, {@code route}, {@code mapping} — a JSON
 * object from the file's column names to fields — and {@code dry_run}), {@code POST /batches/preview} (the same,
 * nothing stored), {@code GET /batches}, {@code GET /batches/{id}},
 * {@code GET /batches/{id}/errors}, {@code GET /batches/{id}/results} ({@code format=csv|json}, streamed),
 * {@code POST /batches/{id}/cancel} and {@code POST /batches/{id}/rerun-failed}.
 */
@RestController
class BatchController {

    private final BatchUploads uploads;
    private final Batches batches;
    private final BatchStarter starter;
    private final RunService runs;
    private final JsonMapper json;

    private final PhiReads phiReads;
    private final String publicUrl;
    /** Where uploads are spooled (sealed) while they are read: under RCM_HOME, not the shared /tmp. */
    private final java.nio.file.Path spoolDirectory;

    BatchController(BatchUploads uploads, Batches batches, BatchStarter starter, RunService runs, JsonMapper json,
                    PhiReads phiReads, @org.springframework.beans.factory.annotation.Value("${rcm.public-url:}") String publicUrl,
                    RcmHome home) {
        this.spoolDirectory = home.dir("tmp/uploads");
        UploadSpool.removeStale(spoolDirectory, java.time.Duration.ofHours(1));
        this.uploads = uploads;
        this.batches = batches;
        this.starter = starter;
        this.runs = runs;
        this.json = json;
        this.phiReads = phiReads;
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    @PostMapping(path = "/batches", consumes = {"text/csv", "application/csv", "application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines"})
    ResponseEntity<Map<String, Object>> raw(HttpServletRequest request, @RequestParam Map<String, String> params) throws IOException {
        BatchUploads.Upload upload = upload(params, rawFormat(request), params.get("file_name"), false);
        try (UploadSpool spool = spool(request.getInputStream())) {
            return accept(upload, spool);
        }
    }

    /** Multipart, as a browser form sends it: the file in field {@code file}, parameters as fields or in the query. */
    @PostMapping(path = "/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> multipart(HttpServletRequest request, @RequestParam Map<String, String> params) throws IOException {
        try (MultipartUpload form = MultipartUpload.read(request, params, spoolDirectory)) {
            return accept(upload(form.params(), multipartFormat(form), form.fileName(), false), form.spool());
        }
    }

    /**
     * {@code POST /batches/preview}: the same file, parameters and whole-file refusals as {@code POST /batches}; every
     * row is read and checked (a dry run: nothing is stored), and the answer shows the column mapping, the first rows
     * as uploaded and what an upload would do (see {@link BatchPreview}).
     */
    @PostMapping(path = "/batches/preview", consumes = {"text/csv", "application/csv", "application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines"})
    BatchPreview previewRaw(HttpServletRequest request, @RequestParam Map<String, String> params) throws IOException {
        BatchUploads.Upload upload = upload(params, rawFormat(request), params.get("file_name"), true);
        try (UploadSpool spool = spool(request.getInputStream())) {
            return preview(upload, spool);
        }
    }

    @PostMapping(path = "/batches/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    BatchPreview previewMultipart(HttpServletRequest request, @RequestParam Map<String, String> params) throws IOException {
        try (MultipartUpload form = MultipartUpload.read(request, params, spoolDirectory)) {
            return preview(upload(form.params(), multipartFormat(form), form.fileName(), true), form.spool());
        }
    }

    /** The body copied off the network first: no database connection is held while a client sends its file. */
    private UploadSpool spool(InputStream body) throws IOException {
        try (InputStream in = body) {
            return UploadSpool.of(in, spoolDirectory);
        }
    }

    private static String rawFormat(HttpServletRequest request) {
        return request.getContentType().toLowerCase(Locale.ROOT).contains("csv") ? "csv" : "ndjson";
    }

    /** By the file's name, then its declared type, then its first bytes. */
    private static String multipartFormat(MultipartUpload form) {
        String type = form.contentType() == null ? "" : form.contentType().toLowerCase(Locale.ROOT);
        String lower = form.fileName() == null ? "" : form.fileName().toLowerCase(Locale.ROOT);
        return lower.endsWith(".ndjson") || lower.endsWith(".jsonl") || type.contains("ndjson") || type.contains("jsonl") ? "ndjson"
                : lower.endsWith(".csv") || type.contains("csv") ? "csv" : sniff(form.spool());
    }

    /** Neither the name nor the declared type says: an object on the first line is NDJSON, anything else CSV. */
    private static String sniff(UploadSpool spool) {
        byte[] head = spool.head(64);
        String start = new String(head, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        return start.startsWith("{") ? "ndjson" : "csv";
    }

    /** The upload's parameters checked, each problem naming its parameter. A preview is a dry run and takes no dry_run. */
    private BatchUploads.Upload upload(Map<String, String> params, String format, String fileName, boolean preview) {
        List<String> known = preview ? List.of("purpose", "payer_id", "route", "mapping", "file_name")
                : List.of("purpose", "payer_id", "route", "mapping", "dry_run", "file_name");
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidParameter(name, "is not a parameter of " + (preview ? "a preview" : "an upload") + " (" + String.join(", ", known) + ")");
            }
        }
        String purpose = params.get("purpose");
        if (purpose == null || !List.of("eligibility", "claim_status").contains(purpose)) {
            throw new InvalidParameter("purpose", "is required: eligibility or claim_status");
        }
        String payerId = params.get("payer_id");
        if (payerId != null && !payerId.matches("[A-Za-z0-9]{1,80}")) {
            throw new InvalidParameter("payer_id", "must be 1–80 letters or digits");
        }
        String route = params.getOrDefault("route", "auto");
        if (!runs.routes().contains(route)) {
            throw new InvalidParameter("route", "must be one of " + runs.routes());
        }
        Map<String, String> mapping = mapping(params.get("mapping"));
        String dry = params.getOrDefault("dry_run", "false");
        if (!List.of("true", "false").contains(dry)) {
            throw new InvalidParameter("dry_run", "must be true or false");
        }
        return new BatchUploads.Upload(purpose, payerId, route, format,
                fileName == null ? null : fileName.length() > 200 ? fileName.substring(0, 200) : fileName, mapping,
                preview || Boolean.parseBoolean(dry));
    }

    private BatchPreview preview(BatchUploads.Upload upload, UploadSpool spool) throws IOException {
        try (InputStream body = spool.open()) {
            return BatchPreview.of(upload, uploads.upload(upload, body, CurrentActor.get()));
        }
    }

    private ResponseEntity<Map<String, Object>> accept(BatchUploads.Upload upload, UploadSpool spool) throws IOException {
        boolean dryRun = upload.dryRun();
        BatchUploads.Accepted a;
        try (InputStream body = spool.open()) {
            a = uploads.upload(upload, body, CurrentActor.get());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (dryRun) {
            out.put("batch_id", null);
            out.put("status", "dry_run");
        } else {
            starter.start(a.batchId());
            Batches.View view = batches.get(a.batchId());
            out.put("batch_id", a.batchId());
            out.put("status", view.status());
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", a.total());
        counts.put("valid", a.valid());
        counts.put("invalid", a.invalid());
        out.put("counts", counts);
        out.put("duplicates", a.duplicates());
        out.put("ignored_columns", a.ignoredColumns());
        out.put("errors", a.errors());
        return ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.CREATED).body(out);
    }

    private Map<String, String> mapping(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidParameter("mapping", "must be a JSON object from your column names to fields, e.g. {\"Patient DOB\": \"date_of_birth\"}");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidParameter("mapping", "must be a JSON object from your column names to fields");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = e.getValue().isString() ? e.getValue().asString() : "";
            if (!Columns.FIELDS.contains(field)) {
                throw new InvalidParameter("mapping", "maps '" + e.getKey() + "' to '" + field + "', which is not a field; fields are " + Columns.FIELDS);
            }
            out.put(e.getKey(), field);
        }
        return out;
    }

    @GetMapping("/batches")
    Map<String, Object> list(@RequestParam(name = "limit", required = false, defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidParameter("limit", "must be from 1 to 500");
        }
        return Map.of("items", batches.list(limit));
    }

    @GetMapping("/batches/{id}")
    Batches.View get(@PathVariable("id") String id) {
        return batches.get(uuid(id));
    }

    @PostMapping("/batches/{id}/cancel")
    Batches.View cancel(@PathVariable("id") String id) {
        return batches.cancel(uuid(id), CurrentActor.get());
    }

    /**
     * {@code POST /batches/{id}/rerun-failed}: a new batch of a finished batch's failed rows, linked to it, each row a
     * deliberate rerun of its failed run (see {@link Batches#rerunFailed}). 201 with the new batch; 200 with
     * {@code created: false} when the same request made one moments ago; 409 while the batch runs
     * ({@code batch_not_finished}) or when none of its rows failed ({@code no_failed_rows}); 404 for an unknown batch.
     */
    @PostMapping("/batches/{id}/rerun-failed")
    ResponseEntity<Map<String, Object>> rerunFailed(@PathVariable("id") String id) {
        Batches.RerunFailed r = batches.rerunFailed(uuid(id), CurrentActor.get());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batch_id", r.batchId());
        out.put("rerun_of", r.rerunOf());
        out.put("created", r.created());
        out.put("rows", r.rows());
        out.put("status", r.batch().status());
        out.put("batch", r.batch());
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(out);
    }

    @GetMapping("/batches/{id}/errors")
    ResponseEntity<StreamingResponseBody> errors(@PathVariable("id") String id,
                                                 @RequestParam(name = "format", required = false, defaultValue = "json") String format) {
        UUID batchId = uuid(id);
        batches.get(batchId);
        String f = format(format);
        StreamingResponseBody body = out -> {
            if (f.equals("csv")) {
                try (ResultsFile.Csv csv = new ResultsFile.Csv(out, List.of("row", "line", "column", "field", "message"))) {
                    batches.errors(batchId, e -> csv.row(List.of(e.path("row").asString(""), e.path("line").asString(""),
                            e.path("column").asString(""), e.path("field").asString(""), e.path("message").asString(""))));
                }
            } else {
                try (ResultsFile.JsonArray array = new ResultsFile.JsonArray(json, out)) {
                    batches.errors(batchId, array::element);
                }
            }
        };
        return download(body, f, "batch-" + batchId + "-errors");
    }

    @GetMapping("/batches/{id}/results")
    ResponseEntity<StreamingResponseBody> results(@PathVariable("id") String id,
                                                  @RequestParam(name = "format", required = false, defaultValue = "csv") String format) {
        UUID batchId = uuid(id);
        Batches.View view = batches.get(batchId);
        String f = format(format);
        // a results file carries every row's patient data: its download is a read of PHI, logged like any other
        phiReads.read(CurrentActor.get(), "batch.results_read", "batch", batchId.toString(), null);
        String base = publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() : publicUrl;
        java.util.function.UnaryOperator<String> absolute = url -> url != null && url.startsWith("/") ? base + url : url;
        List<String> uploaded = batches.columns(batchId);
        StreamingResponseBody body = out -> {
            if (f.equals("csv")) {
                try (ResultsFile.Csv csv = new ResultsFile.Csv(out, ResultsFile.csvHeader(uploaded, view.purpose()))) {
                    batches.lines(batchId, line -> csv.row(ResultsFile.csvRow(uploaded, view.purpose(), line,
                            ResultsFile.fields(view.purpose(), line, absolute))));
                }
            } else {
                try (ResultsFile.JsonArray array = new ResultsFile.JsonArray(json, out)) {
                    batches.lines(batchId, line -> {
                        Map<String, Object> fields = ResultsFile.fields(view.purpose(), line, absolute);
                        fields.put("cells", line.cells());
                        fields.put("output", line.output());
                        array.element(fields);
                    });
                }
            }
        };
        return download(body, f, "batch-" + batchId + "-results");
    }

    private static String format(String format) {
        if (!format.equals("csv") && !format.equals("json")) {
            throw new InvalidParameter("format", "must be csv or json");
        }
        return format;
    }

    private static ResponseEntity<StreamingResponseBody> download(StreamingResponseBody body, String format, String name) {
        return ResponseEntity.ok()
                .contentType(format.equals("csv") ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "." + format + "\"")
                .body(body);
    }

    private static UUID uuid(String id) {
        return InvalidParameter.uuid("id", id);
    }
}
