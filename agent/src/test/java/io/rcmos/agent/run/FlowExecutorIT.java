package io.rcmos.agent.run;

import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import io.rcmos.agent.flow.Flow;
import io.rcmos.agent.flow.FlowValidator;
import io.rcmos.agent.flow.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The executor in a real headless Chromium against a small portal: outputs, breakpoints, retries, evidence, failures. */
class FlowExecutorIT {

    private static MiniPortal portal;
    private static BrowserWorkers workers;
    private static FlowExecutor executor;
    private static Flow flow;

    @BeforeAll
    static void start() throws IOException {
        portal = new MiniPortal();
        workers = new BrowserWorkers(BrowserSettings.local(1));
        executor = new FlowExecutor(workers);
        var validation = FlowValidator.validate(Path.of("src/test/resources/run/mini-portal.yaml"));
        assertThat(validation.errors()).isEmpty();
        flow = validation.flow().orElseThrow();
    }

    @AfterAll
    static void stop() {
        executor.close();
        workers.close();
        portal.close();
    }

    @BeforeEach
    void reset() {
        portal.sentMode.set(false);
        portal.failSearches.set(0);
    }

    private static FlowRequest request(String member, boolean totp) {
        return new FlowRequest(UUID.randomUUID().toString(), Map.of("member_id", member, "date_of_birth", "1980-01-31"),
                Map.of("username", MiniPortal.USER, "password", MiniPortal.PASSWORD), totp ? MiniPortal.TOTP : null, portal.baseUrl(),
                null, false);
    }

    private static FlowRequest withStepScreenshots(FlowRequest r) {
        return new FlowRequest(r.runId(), r.input(), r.secrets(), r.totp(), r.baseUrl(), r.storageState(), true);
    }

    @Test
    void totpLoginSearchTableAndRowClicksProduceTypedOutputs() {
        portal.failSearches.set(1); // the first search hits a "try again" page: the retry block goes again
        FlowResult result = executor.start(flow, request("SIM12345670", true));

        assertThat(result.outcome()).isInstanceOf(FlowOutcome.Completed.class);
        Map<String, Object> out = ((FlowOutcome.Completed) result.outcome()).outputs();
        assertThat(out.get("coverage_status")).isEqualTo("active");
        assertThat((BigDecimal) out.get("copay")).isEqualByComparingTo("30.00");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> claims = (List<Map<String, Object>>) out.get("claims");
        assertThat(claims).extracting(c -> c.get("number")).containsExactly("C-1", "C-2");
        assertThat((BigDecimal) claims.get(0).get("paid")).isEqualByComparingTo("1234.50");
        assertThat(claims.get(1).get("detail")).isEqualTo("Paid in full to SIM12345670");
        assertThat(result.storageState()).contains("sid");
        assertThat(result.evidence()).extracting(EvidenceFile::kind).contains("screenshot", "dom", "har", "trace", "manifest", "raw");
    }

    @Test
    void servedEvidenceHoldsNoPasswordMemberIdBirthDateOrOneTimeCode() throws IOException {
        FlowResult result = executor.start(flow, withStepScreenshots(request("SIM99887766", true)));
        assertThat(result.outcome()).isInstanceOf(FlowOutcome.Completed.class);
        String rawHar = text(result.evidence().stream().filter(f -> f.kind().equals("raw") && f.step().equals("har")).findFirst().orElseThrow());
        String otp = rawHar.replaceAll("(?s).*code=([0-9]{6}).*", "$1");
        assertThat(otp).as("the raw HAR (restricted) holds the code posted").hasSize(6);
        List<String> secrets = List.of(MiniPortal.PASSWORD, "SIM99887766", "01/31/1980", "1980-01-31", otp);
        for (EvidenceFile f : result.evidence()) {
            if (f.restricted() || f.kind().equals("screenshot")) {
                continue;
            }
            String served = text(f);
            for (String secret : secrets) {
                assertThat(served).as(f.kind() + " " + f.step() + " must not hold a secret").doesNotContain(secret);
            }
        }
    }

    @Test
    void theServedHarReplaysOfflineToTheSameOutputs() {
        FlowResult recorded = executor.start(flow, request("SIM12345670", true));
        Map<String, Object> live = ((FlowOutcome.Completed) recorded.outcome()).outputs();
        byte[] servedHar = recorded.evidence().stream().filter(f -> f.kind().equals("har")).findFirst().orElseThrow().bytes();
        portal.close(); // offline: only the recording answers

        FlowOutcome replayed;
        try {
            replayed = executor.replay(flow, servedHar);
        } finally {
            restartPortal();
        }

        assertThat(replayed).isInstanceOfSatisfying(FlowOutcome.Completed.class, c -> {
            assertThat(c.outputs().get("coverage_status")).isEqualTo(live.get("coverage_status"));
            assertThat((BigDecimal) c.outputs().get("copay")).isEqualByComparingTo((BigDecimal) live.get("copay"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> claims = (List<Map<String, Object>>) c.outputs().get("claims");
            assertThat(claims).extracting(m -> m.get("number")).containsExactly("C-1", "C-2");
            assertThat(claims.get(0).get("detail")).as("a private value read from the page stays masked").isEqualTo("Paid in full to [REDACTED]");
        });
    }

    @Test
    void theSavedDomSnapshotsReplayOfflineToTheSameOutputs() {
        FlowResult recorded = executor.start(flow, withStepScreenshots(request("SIM12345670", true)));
        Map<String, Object> live = ((FlowOutcome.Completed) recorded.outcome()).outputs();
        List<String> pages = recorded.evidence().stream().filter(f -> f.kind().equals("dom"))
                .filter(f -> f.step().endsWith("-navigate") || f.step().endsWith("-click"))
                .map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).toList();
        assertThat(pages).isNotEmpty();

        FlowOutcome replayed = executor.replayFromDom(flow, "http://127.0.0.1:9", pages);

        assertThat(replayed).isInstanceOfSatisfying(FlowOutcome.Completed.class, c -> {
            assertThat(c.outputs().get("coverage_status")).isEqualTo(live.get("coverage_status"));
            assertThat((BigDecimal) c.outputs().get("copay")).isEqualByComparingTo((BigDecimal) live.get("copay"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> claims = (List<Map<String, Object>>) c.outputs().get("claims");
            assertThat(claims).extracting(m -> m.get("number")).containsExactly("C-1", "C-2");
        });
    }

    private static void restartPortal() {
        try {
            portal = new MiniPortal();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sentCodeSuspendsAtTheBreakpointAndResumesWithThePersonsAnswer() {
        portal.sentMode.set(true);
        FlowRequest request = request("SIM12345670", false);
        FlowResult first = executor.start(flow, request);
        assertThat(first.outcome()).isInstanceOfSatisfying(FlowOutcome.Suspended.class, s -> {
            assertThat(s.kind()).isEqualTo(Step.BreakpointKind.MFA);
            assertThat(s.prompt()).isEqualTo("Enter the code the portal sent.");
            assertThat(s.stepPath()).isEqualTo("steps[4].else[0]");
        });
        assertThat(executor.isParked(request.runId())).isTrue();

        FlowResult resumed = executor.resume(request.runId(), MiniPortal.SENT_CODE);
        assertThat(resumed.outcome()).isInstanceOfSatisfying(FlowOutcome.Completed.class,
                c -> assertThat(c.outputs().get("coverage_status")).isEqualTo("active"));
        assertThat(executor.isParked(request.runId())).isFalse();
    }

    @Test
    void aRunNotParkedHereIsSessionLostAndRetryable() {
        assertThat(executor.resume("nope", "123456").outcome()).isInstanceOfSatisfying(FlowOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("session_lost");
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void noResultsEndsEarlyWithNotFound() {
        FlowResult result = executor.start(flow, request("M404", true));
        assertThat(result.outcome()).isInstanceOfSatisfying(FlowOutcome.Completed.class,
                c -> assertThat(c.outputs()).containsOnly(Map.entry("coverage_status", "not_found")));
    }

    @Test
    void aMissingElementFailsAtItsStepWithTheLocatorAsWritten() throws IOException {
        String yaml = Files.readString(Path.of("src/test/resources/run/mini-portal.yaml"))
                .replace("{label: \"User ID\"}]", "{label: \"Username\"}]\n    timeout: 1s");
        Flow broken = FlowValidator.validate("broken.yaml", yaml).flow().orElseThrow();
        FlowResult result = executor.start(broken, request("SIM12345670", true));
        assertThat(result.outcome()).isInstanceOfSatisfying(FlowOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("element_not_found");
            assertThat(f.stepPath()).isEqualTo("steps[1]");
            assertThat(f.message()).contains("label Username");
        });
        assertThat(result.evidence()).extracting(EvidenceFile::step).anyMatch(s -> s.startsWith("failure"));
    }

    private static String text(EvidenceFile f) throws IOException {
        if (!f.contentType().equals("application/zip")) {
            return new String(f.bytes(), StandardCharsets.UTF_8);
        }
        StringBuilder all = new StringBuilder();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(f.bytes()))) {
            while (in.getNextEntry() != null) {
                all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    /** Records the steps reported and gives the run up after {@code giveUpAfter} of them (never when negative). */
    private static final class Recording implements FlowProgress {
        final List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        final int giveUpAfter;

        Recording(int giveUpAfter) {
            this.giveUpAfter = giveUpAfter;
        }

        @Override
        public void step(String path) {
            steps.add(path);
        }

        @Override
        public boolean abandoned() {
            return giveUpAfter >= 0 && steps.size() >= giveUpAfter;
        }
    }

    @Test
    void everyStepIsReportedToTheCallerAsItStarts() {
        Recording progress = new Recording(-1);
        FlowResult result = executor.start(flow, request("SIM12345670", true), progress);
        assertThat(result.outcome()).isInstanceOf(FlowOutcome.Completed.class);
        assertThat(progress.steps).startsWith("steps[0]", "steps[1]")
                .allMatch(p -> p.matches("steps\\[\\d+\\](\\.[a-z_]+\\[\\d+\\])*"))
                .noneMatch(p -> p.contains("SIM12345670"));
        assertThat(progress.steps.size()).isGreaterThan(5);
    }

    @Test
    void aRunItsCallerGaveUpStopsBeforeItsNextStep() {
        Recording progress = new Recording(3);
        FlowResult result = executor.start(flow, request("SIM12345670", true), progress);
        assertThat(result.outcome()).isInstanceOfSatisfying(FlowOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("abandoned");
            assertThat(f.retryable()).isTrue();
        });
        assertThat(progress.steps).as("no step after the caller gave up").hasSize(3);
    }
}
