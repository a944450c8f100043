package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.rcmos.server.audit.PhiReads;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.platform.web.InvalidParameter;
import io.rcmos.server.security.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code /runs}: submit, read, list (filters {@code status}, {@code payer_id}, {@code purpose}, {@code batch_id},
 * {@code source}, {@code from}, {@code to}), rerun, and answer an MFA breakpoint. Viewers read runs without patient
 * data: no input or output, no member hint.
 */
@RestController
class RunController {

    private final RunService runs;
    private final RunRequestReader reader;

    private final PhiReads phiReads;

    RunController(RunService runs, RunRequestReader reader, PhiReads phiReads) {
        this.runs = runs;
        this.reader = reader;
        this.phiReads = phiReads;
    }

    /** The body of {@code POST /runs} and its answer. */
    record Created(UUID runId, String status, String idempotencyKey, boolean created) {
    }

    /**
     * The body is read as bytes and checked against the JSON Schema of its purpose before binding, so every
     * problem is reported with its field. 201 for a new run, 200 for an idempotent repeat.
     */
    @PostMapping(path = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Created> submit(@RequestBody(required = false) byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidParameter("(body)", "is required: a JSON run request");
        }
        RunRequestReader.Checked request = reader.read(body);
        RunService.Submitted s = runs.submit(request, null, CurrentActor.get());
        RunSpanAttributes.tagHttpRequest(s.runId().toString(), request.payerId(), request.purpose().wire());
        return ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Created(s.runId(), s.status().wire(), s.idempotencyKey(), s.created()));
    }

    /**
     * {@code POST /runs/{id}/rerun}: a new run of the same request linked to this one (see {@link RunService#rerun});
     * 201 for a new run, 200 with {@code created: false} when a rerun of this run was made moments ago.
     */
    @PostMapping("/runs/{id}/rerun")
    ResponseEntity<RunService.Rerun> rerun(@PathVariable("id") String id) {
        RunService.Rerun r = runs.rerun(uuid("id", id), CurrentActor.get());
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r);
    }

    /** Whether the caller may see patient data: every role that works runs; not a viewer. */
    static boolean phiAllowed() {
        var roles = CurrentActor.roles();
        return roles.contains("admin") || roles.contains("operator") || roles.contains("reviewer");
    }

    @GetMapping("/runs/{id}")
    RunView get(@PathVariable("id") String id) {
        boolean phi = phiAllowed();
        RunView run = runs.show(uuid("id", id), phi);
        if (phi) {
            phiReads.read(CurrentActor.get(), "run.phi_read", "run", run.runId().toString(), run.runId());
        }
        RunSpanAttributes.tagHttpRequest(run.runId().toString(), run.payerId(), run.purpose().wire());
        return run;
    }

    @GetMapping("/runs")
    RunService.Page list(@RequestParam(name = "status", required = false) String status,
                         @RequestParam(name = "payer_id", required = false) String payerId,
                         @RequestParam(name = "purpose", required = false) String purpose,
                         @RequestParam(name = "batch_id", required = false) String batchId,
                         @RequestParam(name = "source", required = false) String source,
                         @RequestParam(name = "from", required = false) String from,
                         @RequestParam(name = "to", required = false) String to,
                         @RequestParam(name = "limit", required = false, defaultValue = "50") String limit,
                         @RequestParam(name = "cursor", required = false) String cursor) {
        RunStatus statusFilter = null;
        if (status != null) {
            statusFilter = java.util.Arrays.stream(RunStatus.values()).filter(v -> v.wire().equals(status)).findFirst()
                    .orElseThrow(() -> new InvalidParameter("status", "must be one of queued, running, waiting_for_human, succeeded, failed, canceled"));
        }
        Purpose purposeFilter = null;
        if (purpose != null) {
            purposeFilter = Purpose.fromWire(purpose).orElseThrow(() -> new InvalidParameter("purpose", "must be eligibility or claim_status"));
        }
        int size;
        try {
            size = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidParameter("limit", "must be a number from 1 to 500");
        }
        if (size < 1 || size > 500) {
            throw new InvalidParameter("limit", "must be a number from 1 to 500");
        }
        if (source != null && !SOURCES.contains(source)) {
            throw new InvalidParameter("source", "must be one of " + SOURCES);
        }
        Instant start = from == null ? null : TimeRange.start("from", from);
        Instant end = to == null ? null : TimeRange.end("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidParameter("from", "must be before to");
        }
        return runs.list(new RunStore.ListFilter(statusFilter, payerId, purposeFilter, batchId == null ? null : uuid("batch_id", batchId),
                source, start, end), cursor, size, phiAllowed());
    }

    private static final List<String> SOURCES = List.of("clearinghouse", "portal", "human");

    /** {@code {"code": "123456"}}: the MFA code a waiting run asked for. */
    record MfaCode(String code) {
    }

    @PostMapping(path = "/runs/{id}/mfa", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<java.util.Map<String, Object>> mfa(@PathVariable("id") String id, @RequestBody MfaCode body) {
        UUID runId = uuid("id", id);
        if (body == null || body.code() == null || !body.code().matches("^[A-Za-z0-9]{4,12}$")) {
            throw new InvalidCode();
        }
        runs.provideMfa(runId, body.code(), CurrentActor.get(), CurrentActor.roles());
        return ResponseEntity.accepted().body(java.util.Map.of("run_id", runId, "status", "accepted"));
    }

    static UUID uuid(String name, String value) {
        return InvalidParameter.uuid(name, value);
    }

    static final class InvalidCode extends ApiProblem {
        InvalidCode() {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "request is invalid",
                    List.of(FieldProblem.of("code", "must be 4 to 12 letters or digits")));
        }
    }
}
