package io.rcmos.agent.run;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.rcmos.agent.evidence.Capture;
import io.rcmos.agent.evidence.HarScrubber;
import io.rcmos.agent.evidence.Redactor;
import io.rcmos.agent.evidence.ScreenMask;
import io.rcmos.agent.evidence.TraceScrubber;
import io.rcmos.agent.flow.Flow;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one run holds while its flow executes: the page and its recording, variables and outputs, where a
 * suspended run resumes, the values and page regions to mask, and the evidence gathered so far. Confined to the
 * worker thread that owns its page.
 */
final class FlowSession {

    /** The key under which a table row keeps its element (never emitted). */
    static final String ROW_ELEMENT = "__element";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Flow flow;
    final FlowRequest request;
    final Capture capture;
    final Page page;
    final Instant started = Instant.now();
    final Instant deadline;
    final Map<String, Object> vars = new HashMap<>();
    final Map<String, Object> outputs = new LinkedHashMap<>();
    final Map<String, Integer> loops = new HashMap<>();
    final Set<String> secretValues = new LinkedHashSet<>();
    final List<Locator> sensitiveRegions = new ArrayList<>();
    final List<EvidenceFile> evidence = new ArrayList<>();
    private final ArrayNode manifestSteps = JSON.createArrayNode();
    private int sequence;
    String resumeAt;
    String answer;
    io.opentelemetry.api.trace.Tracer tracer = io.opentelemetry.api.OpenTelemetry.noop().getTracer("rcm-agent");
    /** The caller of the current stretch (start or resume): told of every step, asked whether to go on. */
    FlowProgress progress = FlowProgress.NONE;

    FlowSession(Flow flow, FlowRequest request, Capture capture) {
        this.flow = flow;
        this.request = request;
        this.capture = capture;
        this.page = capture.context().newPage();
        this.deadline = started.plus(flow.deadline());
        secretValues.addAll(request.secrets().values());
        secretValues.addAll(request.input().values());
    }

    int sequence() {
        return sequence;
    }

    /** A field filled with a private value: masked in screenshots, its value masked in every text artifact and picture. */
    void sensitive(Locator field, String value) {
        sensitiveRegions.add(field);
        if (value != null) {
            secretValues.add(value);
        }
    }

    void record(String path, String op, long millis, String outcome) {
        sequence++;
        manifestSteps.addObject().put("seq", sequence).put("path", path).put("op", op).put("ms", millis).put("outcome", outcome);
    }

    Redactor redactor() {
        return Redactor.of(secretValues);
    }

    /**
     * What screenshots paint over: every private value of the run (patient data, secrets, one-time codes, answers), but
     * not the inputs that name the payer or provider ({@link FlowRequest#SHOWN_INPUTS}), which the evidence should show.
     */
    ScreenMask screenMask() {
        Set<String> values = new LinkedHashSet<>(secretValues);
        request.input().forEach((name, value) -> {
            if (FlowRequest.SHOWN_INPUTS.contains(name)) {
                values.remove(value);
            }
        });
        request.input().forEach((name, value) -> {
            if (!FlowRequest.SHOWN_INPUTS.contains(name)) {
                values.add(value); // a patient value equal to a payer's name stays masked
            }
        });
        return ScreenMask.of(values);
    }

    void screenshot(String name, boolean fullPage) {
        try {
            byte[] png = screenMask().screenshot(page, sensitiveRegions, fullPage);
            evidence.add(new EvidenceFile("screenshot", name, "image/png", png, false));
            evidence.add(new EvidenceFile("dom", name, "text/html", redactor().redact(page.content()).getBytes(StandardCharsets.UTF_8), false));
        } catch (RuntimeException e) {
            // evidence must never break a run; the manifest shows the gap
            manifestSteps.addObject().put("evidence_missing", name);
        }
    }

    void failureEvidence(String path) {
        screenshot("failure" + (path == null || path.isEmpty() ? "" : "-" + path.replaceAll("[^A-Za-z0-9]+", "_")), true);
    }

    /** Evidence gathered since the last call (screenshots and DOM snapshots while the run goes on). */
    List<EvidenceFile> drain() {
        List<EvidenceFile> out = List.copyOf(evidence);
        evidence.clear();
        return out;
    }

    /** Closes the browser context and adds the masked HAR and trace, the raw ones (restricted) and the manifest. */
    List<EvidenceFile> finish(FlowOutcome outcome) {
        Capture.Raw raw = capture.finish();
        Redactor redactor = redactor();
        List<EvidenceFile> out = new ArrayList<>(drain());
        if (raw.har().length > 0) {
            out.add(new EvidenceFile("har", "run", "application/json", HarScrubber.scrub(raw.har(), redactor), false));
            out.add(new EvidenceFile("raw", "har", "application/json", raw.har(), true));
        }
        if (raw.trace().length > 0) {
            out.add(new EvidenceFile("trace", "run", "application/zip", TraceScrubber.scrub(raw.trace(), redactor), false));
            out.add(new EvidenceFile("raw", "trace", "application/zip", raw.trace(), true));
        }
        out.add(new EvidenceFile("manifest", "run_manifest", "application/json", manifest(outcome, out), false));
        return out;
    }

    private byte[] manifest(FlowOutcome outcome, List<EvidenceFile> files) {
        ObjectNode m = JSON.createObjectNode();
        m.put("run_id", request.runId()).put("flow", flow.name()).put("flow_version", flow.version()).put("portal", flow.portal())
                .put("started_at", started.toString()).put("finished_at", Instant.now().toString())
                .put("outcome", outcome instanceof FlowOutcome.Completed ? "completed"
                        : outcome instanceof FlowOutcome.Failed f ? "failed:" + f.code() : "suspended");
        m.set("steps", manifestSteps);
        ArrayNode list = m.putArray("evidence");
        for (EvidenceFile f : files) {
            list.addObject().put("kind", f.kind()).put("step", f.step()).put("content_type", f.contentType())
                    .put("bytes", f.bytes().length).put("restricted", f.restricted());
        }
        return JSON.writeValueAsBytes(m);
    }
}
