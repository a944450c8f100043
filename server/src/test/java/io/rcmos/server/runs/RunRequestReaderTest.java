package io.rcmos.server.runs;

import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A run request's problems come back all at once, each naming its field as the API spells it. */
class RunRequestReaderTest {

    private final RunRequestReader reader = new RunRequestReader(
            JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build(),
            Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));

    private ApiProblem refused(String body) {
        ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> reader.read(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(p).as("refused: " + body).isNotNull();
        assertThat(p.status().value()).isEqualTo(400);
        return p;
    }

    private static List<String> fields(ApiProblem p) {
        return p.errors().stream().map(FieldProblem::field).toList();
    }

    @Test
    void anInvalidNpiAndAnImpossibleBirthDateAreBothNamed() {
        ApiProblem p = refused(RunRequests.eligibility("test", "A1", "John", "Doe", "1980-02-31").replace("1999999984", "1999999985"));
        assertThat(fields(p)).containsExactlyInAnyOrder("input.provider.npi", "input.subscriber.date_of_birth");
        assertThat(p.getMessage()).contains("input.provider.npi").contains("input.subscriber.date_of_birth");
        assertThat(p.code()).isEqualTo("validation_failed");
    }

    @Test
    void schemaProblemsAndRulesAreCollectedTogetherAndUnknownFieldsSuggestTheNearest() {
        ApiProblem p = refused(RunRequests.eligibility("test", "A2", "John", "Do~e", "2999-01-01")
                .replace("1999999984", "1999999985")
                .replace("\"member_id\"", "\"member_idd\"")
                .replace("\"route\": \"test\"", "\"route\": \"test\", \"business_date\": \"2020-01-01\""));
        assertThat(fields(p)).containsExactlyInAnyOrder("input.subscriber.member_idd", "input.subscriber.last_name",
                "input.subscriber.date_of_birth", "input.provider.npi", "business_date");
        assertThat(p.errors()).anySatisfy(e -> assertThat(e.message()).isEqualTo("is not a known field (did you mean member_id?)"));
        assertThat(p.getMessage()).doesNotContain("io.rcmos").doesNotContain("class ");
    }

    @Test
    void aClaimStatusRequestNamesEveryProblemToo() {
        ApiProblem p = refused(RunRequests.claimStatus("test", "A3", "PCN1")
                .replace("1999999984", "12345")
                .replace("\"service_date_to\": \"2025-12-02\"", "\"service_date_to\": \"2025-11-02\"")
                .replace("\"organization_name\": \"Sunrise Clinic\"", "\"first_name\": \"Ann\""));
        assertThat(fields(p)).containsExactlyInAnyOrder("input.provider.npi", "input.provider", "input.claim.service_date_to");
    }

    @Test
    void withoutAPurposeTheOtherTopLevelFieldsAreStillChecked() {
        ApiProblem p = refused("{\"payer_id\": \"87 726\", \"colour\": \"red\", \"input\": {}}");
        assertThat(fields(p)).containsExactlyInAnyOrder("purpose", "payer_id", "colour");
        ApiProblem unknown = refused("{\"purpose\": \"coverage\", \"payer_id\": \"87726\"}");
        assertThat(fields(unknown)).containsExactly("purpose");
    }

    @Test
    void aValidRequestPasses() {
        assertThat(reader.read(RunRequests.eligibility("test", "A4").getBytes(StandardCharsets.UTF_8)).payerId()).isEqualTo("87726");
        assertThat(reader.read(RunRequests.claimStatus("test", "A5", "PCN2").getBytes(StandardCharsets.UTF_8)).businessDate())
                .hasToString("2026-01-15");
    }
}
