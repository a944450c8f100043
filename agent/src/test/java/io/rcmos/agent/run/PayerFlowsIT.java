package io.rcmos.agent.run;

import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import io.rcmos.agent.flow.Flow;
import io.rcmos.agent.flow.FlowValidator;
import io.rcmos.agent.flow.Step;
import io.rcmos.agent.secrets.Totp;
import io.rcmos.sim.SimServer;
import io.rcmos.sim.portal.PortalSettings;
import io.rcmos.agent.evidence.Ocr;
import io.rcmos.agent.evidence.PhiFinder;
import io.rcmos.agent.evidence.PixelChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped payer flows against the simulator's fake portals, in a real Chromium: every scenario they must handle. */
class PayerFlowsIT {

    private static SimServer sim;
    private static BrowserWorkers workers;
    private static FlowExecutor executor;
    private static Flow availity;
    private static Flow uhc;

    @BeforeAll
    static void start() {
        sim = SimServer.start(SimServer.Config.defaults());
        workers = new BrowserWorkers(BrowserSettings.local(1));
        executor = new FlowExecutor(workers);
        availity = load("availity/eligibility.yaml");
        uhc = load("uhc/claim_status.yaml");
    }

    @AfterAll
    static void stop() {
        executor.close();
        workers.close();
        sim.close();
    }

    /** Every run of the current test with what it asked, so its screenshots can be read back. */
    private final List<Map.Entry<FlowRequest, FlowResult>> runs = new ArrayList<>();

    @BeforeEach
    void defaults() {
        sim.portals().settings(PortalSettings.defaults());
    }

    private FlowResult start(Flow flow, FlowRequest request) {
        FlowResult result = executor.start(flow, request);
        runs.add(Map.entry(request, result));
        return result;
    }

    private FlowResult resume(FlowRequest request, String answer) {
        FlowResult result = executor.resume(request.runId(), answer);
        runs.add(Map.entry(request, result));
        return result;
    }

    /** OCR of every screenshot the test's runs took finds none of their PHI, and a word of the page. */
    @AfterEach
    void screenshotsShowNoPatientData(TestInfo test) {
        int read = 0;
        for (Map.Entry<FlowRequest, FlowResult> run : runs) {
            PhiFinder phi = PhiFinder.ofFlowInput(run.getKey().input());
            for (EvidenceFile f : run.getValue().evidence()) {
                if (f.kind().equals("screenshot")) {
                    PixelChecks.assertNoPhi(test.getDisplayName() + " screenshot " + f.step(), f.bytes(), phi);
                    read++;
                }
            }
        }
        assertThat(read).as("screenshots of the test's runs").isPositive();
        System.out.println("PayerFlowsIT " + test.getDisplayName() + ": " + read + " screenshots read back; " + Ocr.stats());
    }

    static Flow load(String name) {
        Path file = Path.of("../config/payers").resolve(name);
        try {
            var v = FlowValidator.validate(file);
            assertThat(v.errors()).as(name).isEmpty();
            return v.flow().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static FlowRequest eligibility(String member, String dob, String storage, boolean totp) {
        Map<String, String> in = new HashMap<>();
        in.put("payer_name", "UnitedHealthcare");
        in.put("member_id", member);
        in.put("date_of_birth", dob);
        in.put("last_name", "Lopez");
        in.put("first_name", "Maria");
        return new FlowRequest(UUID.randomUUID().toString(), in, secrets(), totp ? Totp.base32(PortalSettings.DEFAULT_TOTP_SECRET) : null,
                sim.portalUrl(), storage, false);
    }

    private static FlowRequest everyStep(FlowRequest r) {
        return new FlowRequest(r.runId(), r.input(), r.secrets(), r.totp(), r.baseUrl(), r.storageState(), true);
    }

    private static Map<String, String> secrets() {
        return Map.of("username", PortalSettings.DEFAULT_USER, "password", PortalSettings.DEFAULT_PASSWORD);
    }

    private static Map<String, Object> completed(FlowResult r) {
        assertThat(r.outcome()).as(String.valueOf(r.outcome())).isInstanceOf(FlowOutcome.Completed.class);
        return ((FlowOutcome.Completed) r.outcome()).outputs();
    }

    @Test
    void availityActiveMemberReadsPlanAndBenefits() {
        Map<String, Object> out = completed(start(availity, eligibility("RCMACTIVE01", "1985-04-12", null, true)));
        assertThat(out.get("coverage_status")).isEqualTo("active");
        assertThat(out.get("plan_name")).isEqualTo("Choice Plus PPO");
        assertThat(out.get("group_number")).isEqualTo("GRP-55021");
        assertThat(out.get("plan_begin")).isEqualTo("2026-01-01");
        assertThat((BigDecimal) out.get("copay_office")).isEqualByComparingTo("30");
        assertThat((BigDecimal) out.get("coinsurance")).isEqualByComparingTo("0.20");
        assertThat((BigDecimal) out.get("deductible_individual_in_network")).isEqualByComparingTo("2000");
        assertThat((BigDecimal) out.get("deductible_remaining")).isEqualByComparingTo("750.50");
        assertThat((BigDecimal) out.get("oop_remaining")).isEqualByComparingTo("4250.50");
        assertThat((List<?>) out.get("benefits")).hasSize(7);
    }

    @Test
    void layoutBIsReadByTheSameFlow() {
        PortalSettings d = PortalSettings.defaults();
        sim.portals().settings(new PortalSettings(d.username(), d.password(), d.totpSecret(), "totp", 0, 900, 0, 0, "b"));
        Map<String, Object> out = completed(start(availity, eligibility("RCMACTIVE01", "1985-04-12", null, true)));
        assertThat(out.get("coverage_status")).isEqualTo("active");
        assertThat((BigDecimal) out.get("copay_office")).isEqualByComparingTo("30");
    }

    @Test
    void notFoundAndInactiveAndAnOutageThatRecovers() {
        // with a screenshot after every step: the error pages echo the member id and birth date, the filled form stays
        assertThat(completed(start(availity, everyStep(eligibility("SIM12345678", "1990-01-01", null, true)))))
                .containsEntry("coverage_status", "not_found");
        assertThat(completed(start(availity, eligibility("SIM12345677", "1990-01-01", null, true))))
                .containsEntry("coverage_status", "inactive");
        assertThat(completed(start(availity, everyStep(eligibility("SIM55555559", "1990-01-01", null, true)))))
                .as("the first search meets the outage page; the retry gets the answer").containsEntry("coverage_status", "active");
    }

    @Test
    void aSavedLoginSkipsTheLogin() {
        FlowResult first = start(availity, eligibility("RCMACTIVE01", "1985-04-12", null, true));
        completed(first);
        assertThat(first.storageState()).contains("portal_session");
        FlowResult second = start(availity, eligibility("SIM12345670", "1990-01-01", first.storageState(), true));
        assertThat(completed(second)).containsEntry("coverage_status", "active");
        String manifest = new String(second.evidence().stream().filter(f -> f.kind().equals("manifest")).findFirst().orElseThrow().bytes(),
                StandardCharsets.UTF_8);
        assertThat(manifest).as("no login step ran").doesNotContain("steps[1].then[0]");
    }

    @Test
    void sentCodeMfaWaitsForAPersonThenGoesOn() throws Exception {
        PortalSettings d = PortalSettings.defaults();
        sim.portals().settings(new PortalSettings(d.username(), d.password(), d.totpSecret(), "sent", 0, 900, 0, 0, "a"));
        FlowRequest request = eligibility("RCMACTIVE01", "1985-04-12", null, false);
        FlowResult first = start(availity, request);
        assertThat(first.outcome()).isInstanceOfSatisfying(FlowOutcome.Suspended.class,
                s -> assertThat(s.kind()).isEqualTo(Step.BreakpointKind.MFA));
        assertThat(first.evidence()).extracting(EvidenceFile::step).contains("mfa_requested");
        String code = control("/portal/_test/last-code").replaceAll(".*\"code\":\"([0-9]{6})\".*", "$1");
        assertThat(completed(resume(request, code))).containsEntry("coverage_status", "active");
    }

    @Test
    void captchaWaitsForAPersonThenTotpFinishesTheLogin() throws Exception {
        PortalSettings d = PortalSettings.defaults();
        sim.portals().settings(new PortalSettings(d.username(), d.password(), d.totpSecret(), "totp", 1, 900, 0, 0, "a"));
        FlowRequest request = eligibility("RCMACTIVE01", "1985-04-12", null, true);
        FlowResult first = start(availity, request);
        assertThat(first.outcome()).isInstanceOfSatisfying(FlowOutcome.Suspended.class,
                s -> assertThat(s.kind()).isEqualTo(Step.BreakpointKind.CAPTCHA));
        String text = control("/portal/_test/last-captcha").replaceAll(".*\"text\":\"([A-Z0-9]{6})\".*", "$1");
        assertThat(completed(resume(request, text))).containsEntry("coverage_status", "active");
    }

    @Test
    void uhcClaimsWithTheirServiceLines() {
        Map<String, String> in = new HashMap<>();
        in.put("member_id", "RCMACTIVE01");
        in.put("date_of_birth", "1985-04-12");
        in.put("service_date_from", "2026-10-01");
        in.put("service_date_to", "2026-10-31");
        in.put("patient_control_number", "PCN-PAID-1");
        Map<String, Object> out = completed(start(uhc, new FlowRequest(UUID.randomUUID().toString(), in, secrets(),
                Totp.base32(PortalSettings.DEFAULT_TOTP_SECRET), sim.portalUrl(), null, false)));
        assertThat(out.get("status")).isEqualTo("found");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> claims = (List<Map<String, Object>>) out.get("claims");
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.get("patient_control_number")).isEqualTo("PCN-PAID-1");
            assertThat(c.get("status_category_code")).isEqualTo("F1");
            assertThat(c.get("check_number")).isEqualTo("EFT00012345");
        });
        assertThat((List<?>) out.get("service_lines")).hasSize(2);
        in.put("member_id", "SIM00000009");
        in.put("date_of_birth", "1990-01-01");
        assertThat(completed(start(uhc, new FlowRequest(UUID.randomUUID().toString(), in, secrets(),
                Totp.base32(PortalSettings.DEFAULT_TOTP_SECRET), sim.portalUrl(), null, false)))).containsEntry("status", "not_found");
    }

    private static String control(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.portalUrl() + path)).header("Authorization", sim.apiKey())
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
