package io.rcmos.server.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.rcmos.agent.evidence.Ocr;
import io.rcmos.agent.evidence.PhiFinder;
import io.rcmos.agent.evidence.PixelChecks;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.ServedEvidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R6, the PHI scan. Portal runs go end to end through the API over every kind of page the fake portals have — a
 * benefits page showing the member's name, id and birth date, a "no results" page and a payer-outage page echoing
 * what was asked, a claims table with the patient control number, a "no claims" page — with a screenshot and DOM
 * snapshot after every step, as in production. Then everything the system wrote meanwhile is scanned for every PHI
 * value used, in every spelling ({@link PhiFinder}): the application's log output (ECS JSON on stdout), the spans
 * it exported, and each run's served evidence — masked HAR, DOM snapshots, the manifest, each entry of the trace zip,
 * and the screenshots, read back by OCR. A finding names the artifact and the kind of data, never the value.
 * Controls show the scan can fail: the run's raw capture (restricted) does hold the PHI, the logs and spans of the
 * runs were captured, and OCR reads a word of every page.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(ObservabilityIT.Spans.class)
@TestPropertySource(properties = "management.opentelemetry.tracing.export.schedule-delay=100ms")
class PhiScanIT extends IntegrationTest {

    private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("run_id");

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    JdbcClient jdbc;

    private static String eligibility(String member, String first, String last, String dob) {
        return """
                {"purpose": "eligibility", "payer_id": "87726", "route": "portal",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "%s", "last_name": "%s", "date_of_birth": "%s"},
                           "service_type_codes": ["30"]}}""".formatted(member, first, last, dob);
    }

    private static String claimStatus(String member, String first, String last, String dob, String pcn) {
        return """
                {"purpose": "claim_status", "payer_id": "87726", "route": "portal",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "%s", "last_name": "%s", "date_of_birth": "%s"},
                           "claim": {"patient_control_number": "%s", "service_date_from": "2026-10-01", "service_date_to": "2026-10-31"}}}"""
                .formatted(member, first, last, dob, pcn);
    }

    @Test
    void nothingTheEndToEndRunsWroteHoldsTheirPhi(CapturedOutput output) {
        jdbc.sql("delete from portal_sessions").update(); // the first run signs in: login, TOTP and all are in the scan
        // synthetic members (SIM + 8 digits): the pages echo the names typed; last digit 0 active, 8 not found, 9 an outage first
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("benefits", eligibility("SIM48151620", "Zebediah", "Quixotelmann", "1961-07-19"));
        requests.put("no results", eligibility("SIM48151628", "Philomena", "Vandersloot", "1972-11-03"));
        requests.put("payer outage", eligibility("SIM48151629", "Ignatius", "Brightwater", "1955-02-14"));
        requests.put("claims", claimStatus("SIM27182810", "Theodora", "Krumholz", "1949-09-30", "PCN-QX-7731"));
        requests.put("no claims", claimStatus("SIM27182819", "Leopold", "Wintergarden", "1983-05-27", "PCN-WL-5902"));

        Map<String, String> runs = new LinkedHashMap<>(); // run id → request
        PhiFinder phi = PhiFinder.create();
        for (String request : requests.values()) {
            var created = http(Role.OPERATOR).postJson("/runs", request);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            runs.put(created.json().get("run_id").asString(), request);
            phi.and(ServedEvidence.phiOf(request));
        }
        for (String runId : runs.keySet()) {
            await().atMost(Duration.ofMinutes(3)).until(() -> List.of("succeeded", "failed", "waiting_for_human")
                    .contains(http(Role.OPERATOR).get("/runs/" + runId).json().get("status").asString()));
        }
        closeReviewTasks(runs.keySet());
        await().atMost(Duration.ofSeconds(15)).until(() -> runs.keySet().stream().allMatch(id -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> id.equals(s.getAttributes().get(RUN_ID)) && s.getName().equals("flow.run"))));

        List<String> findings = new ArrayList<>();
        Map<String, Integer> scanned = new TreeMap<>();

        // the application's log output
        String logs = output.getAll();
        assertThat(runs.keySet()).as("the runs' logs were captured").allMatch(id -> logs.contains("\"run_id\":\"" + id + "\""));
        scan("log output", logs, phi, findings);
        scanned.merge("log output", 1, Integer::sum);

        // the spans exported (names, attributes, events, status)
        for (SpanData s : spans.getFinishedSpanItems()) {
            scan("span " + s.getName(), s.getName() + " " + s.getAttributes() + " " + s.getEvents() + " " + s.getStatus(), phi, findings);
            scanned.merge("span", 1, Integer::sum);
        }

        // every served artifact of every run; pictures by OCR
        long ocrStarted = System.nanoTime();
        int pictures = 0;
        for (String runId : runs.keySet()) {
            for (ServedEvidence.File f : ServedEvidence.of(http(Role.ADMIN), runId)) {
                scanned.merge(f.kind(), 1, Integer::sum);
                if (f.kind().equals("screenshot")) {
                    findings.addAll(PixelChecks.problems(f.name(), f.bytes(), phi));
                    pictures++;
                } else if (f.contentType().contains("zip")) {
                    pictures += scanZip(f.name(), f.bytes(), phi, findings);
                } else {
                    scan(f.name(), new String(f.bytes(), StandardCharsets.UTF_8), phi, findings);
                }
            }
        }
        System.out.printf("PhiScanIT: scanned %s; %d pictures read back (%s) in %d ms%n", scanned, pictures, Ocr.stats(),
                (System.nanoTime() - ocrStarted) / 1_000_000);

        // the control: the restricted raw capture of the benefits run holds what the served evidence must not
        String benefitsRun = runs.keySet().iterator().next();
        assertThat(phi.inText(rawHar(benefitsRun))).as("the scan finds PHI where it is (the raw HAR, admins only)")
                .contains(PhiFinder.Kind.MEMBER_ID, PhiFinder.Kind.NAME, PhiFinder.Kind.BIRTH_DATE);
        assertThat(scanned).containsKeys("screenshot", "dom", "har", "trace", "manifest", "span", "log output");

        assertThat(findings).as("PHI found in what the system wrote (artifact: kind of data)").isEmpty();
    }

    private static void scan(String artifact, String text, PhiFinder phi, List<String> findings) {
        phi.inText(text).forEach(kind -> findings.add(artifact + ": a " + kind));
    }

    /** Each entry of a trace zip: text scanned, pictures read back by OCR. Returns how many pictures it held. */
    private static int scanZip(String artifact, byte[] zip, PhiFinder phi, List<String> findings) {
        int pictures = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (javax.imageio.ImageIO.read(new ByteArrayInputStream(bytes)) != null) {
                    findings.addAll(PixelChecks.problems(artifact + " " + entry.getName(), bytes, phi).stream()
                            .filter(p -> !p.contains("control words")).toList()); // a page's picture need not show a control word
                    pictures++;
                } else {
                    scan(artifact + " " + entry.getName(), new String(bytes, StandardCharsets.UTF_8), phi, findings);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pictures;
    }

    private String rawHar(String runId) {
        for (JsonNode a : http(Role.ADMIN).get("/runs/" + runId + "/artifacts").json()) {
            if (a.get("restricted").asBoolean() && a.get("step").asString().equals("har")) {
                return http(Role.ADMIN).get(a.get("url").asString()).body();
            }
        }
        throw new AssertionError("run " + runId + " kept no raw HAR");
    }

    /** A refused search leaves a review task: failed by a person here, so nothing stays open for other tests. */
    private void closeReviewTasks(java.util.Collection<String> runIds) {
        var admin = http(Role.ADMIN);
        for (String runId : runIds) {
            for (JsonNode task : admin.get("/inbox?run_id=" + runId).json().path("items")) {
                if (task.path("status").asString("").equals("open")) {
                    String id = task.get("id").asString();
                    admin.postJson("/inbox/" + id + "/claim", "{}");
                    var resolved = admin.postJson("/inbox/" + id + "/resolve", "{\"action\": \"fail\", \"note\": \"scan\"}");
                    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
                }
            }
        }
        for (String runId : runIds) {
            await().atMost(Duration.ofSeconds(30)).until(() -> List.of("succeeded", "failed")
                    .contains(admin.get("/runs/" + runId).json().get("status").asString()));
        }
    }
}
