package io.rcmos.sim.stedi;

import com.sun.net.httpserver.HttpServer;
import io.rcmos.sim.SimServer;
import io.rcmos.x12.read.ClaimStatus277Reader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A pending claim is finalized later and announced by a signed webhook whose report holds the new 277. */
class WebhooksTest {

    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("sim-webhook-secret-32-bytes-long!".getBytes());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Delivery(Map<String, List<String>> headers, String body) {
    }

    private SimServer sim;
    private HttpServer receiver;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        sim = SimServer.start(SimServer.Config.defaults());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = failFirst.getAndDecrement() > 0 ? 503 : 202;
                if (status == 202) {
                    deliveries.add(new Delivery(Map.copyOf(ex.getRequestHeaders()), body));
                }
                ex.sendResponseHeaders(status, -1);
            }
        });
        receiver.start();
        sim.webhooks().target(new Webhooks.Target(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                SECRET, Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.stop(0);
    }

    private JsonNode claimStatus(String memberId) throws Exception {
        String body = """
                {"tradingPartnerServiceId": "87726", "providers": [{"providerType": "BillingProvider", "organizationName": "Clinic", "npi": "1999999984"}],
                 "subscriber": {"memberId": "%s", "firstName": "Ann", "lastName": "Lee"},
                 "encounter": {"beginningDateOfService": "20261001", "endDateOfService": "20261010", "patientAccountNumber": "PCN7"}}"""
                .formatted(memberId);
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/change/medicalnetwork/claimstatus/v2"))
                .header("Authorization", sim.apiKey()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void pendingClaimIsAnnouncedSignedAndItsReportHoldsTheFinal277() throws Exception {
        failFirst.set(1); // the first delivery is refused: the simulator retries, like Stedi
        JsonNode answer = claimStatus("SIM00000008");
        assertThat(answer.at("/claims/0/claimStatus/statusCategoryCode").asString()).isEqualTo("P1");

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
        Delivery d = deliveries.get(0);
        String id = d.headers().get("Webhook-id").get(0);
        String timestamp = d.headers().get("Webhook-timestamp").get(0);
        assertThat(d.headers().get("Webhook-signature").get(0)).isEqualTo("v1," + Webhooks.sign(SECRET, id + "." + timestamp + "." + d.body()));
        JsonNode event = JSON.readTree(d.body());
        assertThat(event.get("detail-type").asString()).isEqualTo("transaction.processed.v2");
        assertThat(event.at("/detail/direction").asString()).isEqualTo("INBOUND");
        assertThat(event.at("/detail/x12/metadata/transaction/transactionSetIdentifier").asString()).isEqualTo("277");

        String transactionId = event.at("/detail/transactionId").asString();
        HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                        + "/change/medicalnetwork/reports/v2/" + transactionId + "/277")).header("Authorization", sim.apiKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        var read = new ClaimStatus277Reader().read(JSON.readTree(report.body()).get("x12").asString().getBytes());
        assertThat(read.problems()).isEmpty();
        var claim = read.result().claims().get(0);
        assertThat(claim.statusCategoryCode()).isEqualTo("F1");
        assertThat(claim.payerClaimNumber()).isEqualTo(answer.at("/claims/0/claimStatus/tradingPartnerClaimNumber").asString());
        assertThat(claim.amountPaid()).isEqualByComparingTo(claim.totalCharge().multiply(new java.math.BigDecimal("0.80")));
    }

    @Test
    void finalizedAnswersAnnounceNothingAndUnknownReportsAre404() throws Exception {
        claimStatus("SIM00000001");
        HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/change/medicalnetwork/reports/v2/nope/277")).header("Authorization", sim.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(404);
        claimStatus("SIM00000008");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
        assertThat(sim.webhooks().delivered()).isEqualTo(1);
    }
}
