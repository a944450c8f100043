package io.rcmos.agent.run;

import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import io.rcmos.agent.flow.Flow;
import io.rcmos.agent.secrets.Totp;
import io.rcmos.sim.SimServer;
import io.rcmos.sim.portal.PortalSettings;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Records the replay regression fixtures: each payer flow run once against the simulator's fake portals, its served
 * (masked) HAR and its outputs written to {@code src/test/resources/replay/}. Run again after a portal change:
 * {@code java -cp "agent/target/test-classes:agent/target/classes:$(cat cp.txt)" io.rcmos.agent.run.RecordReplayFixtures agent/src/test/resources/replay}.
 * {@link ReplayRegressionIT} then replays the fixtures with the flows as they are now.
 */
public final class RecordReplayFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RecordReplayFixtures() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/replay");
        Files.createDirectories(out);
        try (SimServer sim = SimServer.start(SimServer.Config.defaults());
             BrowserWorkers workers = new BrowserWorkers(BrowserSettings.local(1));
             FlowExecutor executor = new FlowExecutor(workers)) {
            Totp totp = Totp.base32(PortalSettings.DEFAULT_TOTP_SECRET);
            Map<String, String> secrets = Map.of("username", PortalSettings.DEFAULT_USER, "password", PortalSettings.DEFAULT_PASSWORD);
            record(executor, PayerFlowsIT.load("availity/eligibility.yaml"), new FlowRequest(UUID.randomUUID().toString(),
                    Map.of("payer_name", "UnitedHealthcare", "member_id", "RCMACTIVE01", "date_of_birth", "1985-04-12",
                            "last_name", "Lopez", "first_name", "Maria"), secrets, totp, sim.portalUrl(), null, false), out.resolve("availity_eligibility"));
            record(executor, PayerFlowsIT.load("uhc/claim_status.yaml"), new FlowRequest(UUID.randomUUID().toString(),
                    Map.of("member_id", "RCMACTIVE01", "date_of_birth", "1985-04-12", "service_date_from", "2026-10-01",
                            "service_date_to", "2026-10-31", "patient_control_number", "PCN-PAID-1"), secrets, totp, sim.portalUrl(), null, false),
                    out.resolve("uhc_claim_status"));
        }
    }

    private static void record(FlowExecutor executor, Flow flow, FlowRequest request, Path base) throws Exception {
        FlowResult result = executor.start(flow, request);
        if (!(result.outcome() instanceof FlowOutcome.Completed c)) {
            throw new IllegalStateException(flow.name() + " did not complete: " + result.outcome());
        }
        byte[] har = result.evidence().stream().filter(f -> f.kind().equals("har")).findFirst().orElseThrow().bytes();
        Files.write(Path.of(base + ".har"), har);
        // what a replay can know: the live outputs with the run's private values masked, as the recording masks them
        java.util.List<String> privateValues = new java.util.ArrayList<>(request.input().values());
        privateValues.addAll(request.secrets().values());
        Files.writeString(Path.of(base + ".expected.json"),
                io.rcmos.agent.evidence.Redactor.of(privateValues).redact(JSON.writeValueAsString(c.outputs())));
        System.out.println("recorded " + base + ".har (" + har.length + " bytes)");
    }
}
