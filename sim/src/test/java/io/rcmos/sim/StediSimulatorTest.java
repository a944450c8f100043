package io.rcmos.sim;

import io.rcmos.sim.stedi.Faults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class StediSimulatorTest {

    private static SimServer sim;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        sim = SimServer.start(SimServer.Config.defaults().withFaults(Faults.NONE));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    record Reply(int status, JsonNode body) {
    }

    private static Reply post(String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", key);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    private static Reply eligibility(String memberId) throws Exception {
        return post("/change/medicalnetwork/eligibility/v3", """
                {"tradingPartnerServiceId": "87726", "provider": {"organizationName": "Clinic", "npi": "1999999984"},
                 "subscriber": {"memberId": "%s", "firstName": "Ann", "lastName": "Lee", "dateOfBirth": "19800131"},
                 "encounter": {"serviceTypeCodes": ["30"]}}""".formatted(memberId), sim.apiKey());
    }

    @Test
    void refusesAMissingOrBearerPrefixedKey() throws Exception {
        assertThat(post("/change/medicalnetwork/eligibility/v3", "{}", null).status()).isEqualTo(401);
        assertThat(post("/change/medicalnetwork/eligibility/v3", "{}", "Bearer " + sim.apiKey()).status()).isEqualTo(401);
    }

    @Test
    void stediMockMemberIsActiveWithBenefits() throws Exception {
        Reply r = eligibility("UHC202649");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("benefitsInformation").get(0).get("code").asString()).isEqualTo("1");
        assertThat(r.body().toString()).contains("\"code\":\"B\"").contains("\"benefitAmount\":\"25\"");
        assertThat(r.body().get("planDateInformation").get("planBegin").asString()).isEqualTo("20260101");
        assertThat(r.body().get("subscriber").get("firstName").asString()).isEqualTo("John");
        String x12 = r.body().get("x12").asString();
        var read = new io.rcmos.x12.read.Eligibility271Reader().read(x12.getBytes());
        assertThat(read.problems()).as("the raw 271 is valid X12").isEmpty();
        assertThat(read.result().subscriber().memberId()).isEqualTo("UHC202649");
        assertThat(read.result().copay()).isEqualByComparingTo("25");
    }

    @Test
    void syntheticPopulationFollowsTheLastDigit() throws Exception {
        assertThat(eligibility("SIM12345670").body().get("benefitsInformation").get(0).get("code").asString()).isEqualTo("1");
        assertThat(eligibility("SIM12345677").body().get("benefitsInformation").get(0).get("code").asString()).isEqualTo("6");
        Reply notFound = eligibility("SIM12345678");
        assertThat(notFound.body().get("errors").get(0).get("code").asString()).isEqualTo("75");
        assertThat(notFound.body().get("subscriber").get("aaaErrors").get(0).get("code").asString()).isEqualTo("75");
        Reply down = eligibility("SIM12345679");
        assertThat(down.body().get("errors").get(0).get("code").asString()).isEqualTo("42");
        assertThat(eligibility("SIM12345679").body().get("benefitsInformation").get(0).get("code").asString()).isEqualTo("1");
    }

    @Test
    void invalidMemberIdComesBackAs400WithAFullBody() throws Exception {
        Reply r = eligibility("UHCAAA72");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("errors").get(0).get("code").asString()).isEqualTo("72");
        assertThat(r.body().get("errors").get(0).get("followupAction").asString()).isEqualTo("Please Correct and Resubmit");
    }

    @Test
    void requestValidationNamesTheField() throws Exception {
        Reply r = post("/change/medicalnetwork/eligibility/v3", """
                {"tradingPartnerServiceId": "87726", "provider": {"organizationName": "Clinic", "npi": "1999999984"},
                 "subscriber": {"memberId": "A*B"}}""", sim.apiKey());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("fieldList").get(0).get("path").asString()).isEqualTo("subscriber.memberId");
    }

    @Test
    void claimStatusAnswersPaidDeniedPendingAndNotFound() throws Exception {
        String template = """
                {"tradingPartnerServiceId": "87726", "providers": [{"providerType": "BillingProvider", "organizationName": "Clinic", "npi": "1999999984"}],
                 "subscriber": {"memberId": "%s", "firstName": "Ann", "lastName": "Lee"},
                 "encounter": {"beginningDateOfService": "20261001", "endDateOfService": "20261010", "patientAccountNumber": "%s"}}""";
        JsonNode paid = post("/change/medicalnetwork/claimstatus/v2", template.formatted("RCMACTIVE01", "PCN-PAID-1"), sim.apiKey()).body();
        assertThat(paid.get("claims").get(0).get("claimStatus").get("statusCategoryCode").asString()).isEqualTo("F1");
        assertThat(paid.get("claims").get(0).get("claimStatus").get("checkNumber").asString()).isEqualTo("EFT00012345");
        assertThat(paid.get("claims").get(0).get("serviceDetails")).hasSize(2);
        JsonNode denied = post("/change/medicalnetwork/claimstatus/v2", template.formatted("RCMACTIVE01", "PCN-DENIED-1"), sim.apiKey()).body();
        assertThat(denied.get("claims").get(0).get("claimStatus").get("statusCategoryCode").asString()).isEqualTo("F2");
        JsonNode pending = post("/change/medicalnetwork/claimstatus/v2", template.formatted("SIM00000008", "PCN9"), sim.apiKey()).body();
        assertThat(pending.get("claims").get(0).get("claimStatus").get("statusCategoryCode").asString()).isEqualTo("P1");
        JsonNode none = post("/change/medicalnetwork/claimstatus/v2", template.formatted("SIM00000009", "PCN9"), sim.apiKey()).body();
        assertThat(none.get("claims").get(0).get("claimStatus").get("statusCategoryCode").asString()).isEqualTo("D0");
        for (JsonNode answer : java.util.List.of(paid, denied, pending, none)) {
            var read = new io.rcmos.x12.read.ClaimStatus277Reader().read(answer.get("x12").asString().getBytes());
            assertThat(read.problems()).as("the raw 277 is valid X12").isEmpty();
            assertThat(read.result().claims().get(0).statusCategoryCode())
                    .isEqualTo(answer.get("claims").get(0).get("claimStatus").get("statusCategoryCode").asString());
        }
        var paidRead = new io.rcmos.x12.read.ClaimStatus277Reader().read(paid.get("x12").asString().getBytes()).result().claims().get(0);
        assertThat(paidRead.checkNumber()).isEqualTo("EFT00012345");
        assertThat(paidRead.patientControlNumber()).isEqualTo("PCN-PAID-1");
        assertThat(paidRead.serviceLines()).hasSize(2);
    }

    @Test
    void faultMembersFailOnceThenAnswer() throws Exception {
        assertThat(eligibility("FAULT429A").status()).isEqualTo(429);
        assertThat(eligibility("FAULT429A").status()).isEqualTo(200);
        assertThat(eligibility("FAULT503A").status()).isEqualTo(503);
        assertThat(eligibility("FAULT503A").body().get("benefitsInformation").get(0).get("code").asString()).isEqualTo("1");
    }

    @Test
    void countsRequestsFaultsAndConcurrencyPerMember() throws Exception {
        assertThat(eligibility("FAULT503COUNT").status()).isEqualTo(503);
        assertThat(eligibility("FAULT503COUNT").status()).isEqualTo(200);
        assertThat(sim.traffic().requests("FAULT503COUNT")).isEqualTo(2);
        assertThat(sim.traffic().faults("FAULT503COUNT")).isEqualTo(1);
        assertThat(sim.traffic().maxInFlight("FAULT503COUNT")).isEqualTo(1);

        // two requests of one member at once, held by latency, are seen overlapping
        sim.faults(Faults.latency(400, 400));
        try {
            var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> quietly("SIMOVERLAP1"));
            var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> quietly("SIMOVERLAP1"));
            assertThat(a.get()).isEqualTo(200);
            assertThat(b.get()).isEqualTo(200);
        } finally {
            sim.faults(Faults.NONE);
        }
        assertThat(sim.traffic().requests("SIMOVERLAP1")).isEqualTo(2);
        assertThat(sim.traffic().maxInFlight("SIMOVERLAP1")).isEqualTo(2);
    }

    @Test
    void throttlesWithRetryAfterWhenConfigured() throws Exception {
        sim.faults(new Faults(0, 0, 1.0, 1, 0, 0, 0, 0, 3));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/change/medicalnetwork/eligibility/v3"))
                    .header("Authorization", sim.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subscriber\": {\"memberId\": \"SIMTHROTTLE1\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
        } finally {
            sim.faults(Faults.NONE);
        }
        assertThat(sim.traffic().faults("SIMTHROTTLE1")).isEqualTo(1);
        assertThat(eligibility("SIMTHROTTLE1").status()).as("faults switched off again").isEqualTo(200);
    }

    private static int quietly(String member) {
        try {
            return eligibility(member).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
