package io.rcmos.server.runs;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed submission gets a 4xx problem naming the field; none creates a run. */
class RunValidationIT extends IntegrationTest {

    private Http.Response post(String body) {
        return http(Role.OPERATOR).postJson("/runs", body);
    }

    private static List<String> fields(Http.Response r) {
        List<String> out = new ArrayList<>();
        JsonNode errors = r.json().get("errors");
        if (errors != null) {
            errors.forEach(e -> out.add(e.get("field").asString()));
        }
        return out;
    }

    @Test
    void malformedJsonIsA400WithLineAndColumn() {
        var r = post("{\"purpose\": \"eligibility\",\n \"payer_id\": }");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asString()).isEqualTo("malformed_json");
        assertThat(r.json().get("detail").asString()).contains("line 2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level field | \"route\": \"test\" | \"route\": \"test\", \"colour\": \"red\" | colour",
            "unknown nested field | \"dependent\": null | \"dependent\": null, \"shoe_size\": 9 | input.shoe_size",
            "bad birth date | 1980-01-31 | 1980-02-31 | input.subscriber.date_of_birth",
            "birth date wrong type | \"1980-01-31\" | 19800131 | input.subscriber.date_of_birth",
            "npi fails check digit | 1999999984 | 1999999985 | input.provider.npi",
            "npi too short | 1999999984 | 12345 | input.provider.npi",
            "missing provider | \"provider\": {\"npi\": \"1999999984\", \"organization_name\": \"Sunrise Clinic\"}, | | input.provider",
            "x12 delimiter in a name | \"Doe\" | \"Do~e\" | input.subscriber.last_name",
            "birth date in the future | 1980-01-31 | 2999-01-01 | input.subscriber.date_of_birth",
            "payer id with spaces | \"87726\" | \"87 726\" | payer_id",
            "unknown purpose | \"eligibility\" | \"coverage\" | purpose",
            "bad service type | [\"30\"] | [\"thirty\"] | input.service_type_codes[0]",
    })
    void invalidFieldIsNamed(String name, String from, String to, String field) {
        String body = RunRequests.eligibility("test", "V1").replace(from, to == null ? "" : to);
        var r = post(body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(fields(r)).as(r.body()).contains(field);
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void everyProblemIsNamedInOneAnswer() {
        String body = RunRequests.eligibility("test", "V5").replace("1999999984", "1999999985").replace("1980-01-31", "1980-02-31");
        var r = post(body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(fields(r)).as(r.body()).containsExactlyInAnyOrder("input.provider.npi", "input.subscriber.date_of_birth");
        assertThat(r.json().get("detail").asString()).contains("input.provider.npi").contains("input.subscriber.date_of_birth");

        var many = post(RunRequests.claimStatus("test", "V6", "PCN-V6").replace("\"member_id\"", "\"memberId\"")
                .replace("2025-12-02", "2025-11-02").replace("\"route\": \"test\"", "\"route\": 7"));
        assertThat(many.status()).as(many.body()).isEqualTo(400);
        assertThat(fields(many)).as(many.body()).containsExactlyInAnyOrder("route", "input.subscriber.memberId", "input.claim.service_date_to");
        assertThat(many.json().get("errors").toString()).contains("did you mean member_id?").doesNotContain("io.rcmos").doesNotContain("class");
    }

    @Test
    void subscriberNeedsAtLeastOneIdentifier() {
        String body = RunRequests.eligibility("test", "V2")
                .replace("\"member_id\": \"V2\", ", "").replace("\"last_name\": \"Doe\", ", "").replace(", \"date_of_birth\": \"1980-01-31\"", "");
        var r = post(body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(fields(r)).contains("input.subscriber");
    }

    @Test
    void missingPurposeAndNonObjectBodiesAreNamed() {
        assertThat(fields(post("{\"payer_id\": \"1\"}"))).containsExactly("purpose");
        assertThat(post("[1,2]").status()).isEqualTo(400);
        assertThat(post("").status()).isEqualTo(400);
    }

    @Test
    void oversizedBodyIs413() {
        String big = RunRequests.eligibility("test", "V3").replace("Sunrise Clinic", "x".repeat(70_000));
        var r = post(big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asString()).isEqualTo("body_too_large");
    }

    @Test
    void oversizedChunkedBodyIs413() {
        String big = RunRequests.eligibility("test", "V4").replace("Sunrise Clinic", "y".repeat(200_000));
        var stream = java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var r = http(Role.OPERATOR).send(http(Role.OPERATOR).builder("/runs").header("Content-Type", "application/json").POST(stream));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asString()).isEqualTo("body_too_large");
    }

    @Test
    void wrongContentTypeIs415() {
        var r = http(Role.OPERATOR).send("POST", "/runs", "text/plain", "hello");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().get("code").asString()).isEqualTo("unsupported_media_type");
    }

    @Test
    void schemasArePublishedFromTheBoundTypes() {
        JsonNode schemas = http(Role.VIEWER).get("/schemas").json();
        JsonNode eligibility = schemas.get("eligibility_run_request");
        assertThat(eligibility).isNotNull();
        assertThat(schemas.has("claim_status_run_request")).isTrue();
        assertThat(schemas.has("eligibility_result")).isTrue();
        assertThat(schemas.has("claim_status_result")).isTrue();
        assertThat(schemas.has("run")).isTrue();
        assertThat(schemas.get("event").toString()).contains("\"run_id\"").contains("\"payload\"");
        assertThat(eligibility.toString()).contains("\"date_of_birth\"").contains("\"member_id\"").doesNotContain("dateOfBirth");
        assertThat(eligibility.get("additionalProperties").asBoolean()).isFalse();
        assertThat(http(Role.VIEWER).get("/schemas/eligibility_result").status()).isEqualTo(200);
        JsonNode flow = http(Role.VIEWER).get("/schemas/portal_flow").json();
        assertThat(flow.get("$schema").asString()).contains("2020-12");
        assertThat(flow.toString()).contains("breakpoint").contains("for_each");
        assertThat(http(Role.VIEWER).get("/schemas/nope").status()).isEqualTo(404);
    }
}
