package io.rcmos.server.platform;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEndpointsIT extends IntegrationTest {

    @Test
    void versionIsPublicAndNamesTheBuild() {
        JsonNode version = http(null).get("/version").json();
        assertThat(version.has("version")).isTrue();
        assertThat(version.has("commit")).isTrue();
        assertThat(version.has("build_time")).isTrue();
    }

    @Test
    void infoDescribesEnginesPurposesAndRoutesWithoutSecrets() {
        var r = http(Role.VIEWER).get("/info");
        assertThat(r.status()).isEqualTo(200);
        JsonNode info = r.json();
        assertThat(info.get("engines").get("database").asString()).isEqualTo("external");
        assertThat(info.get("engines").get("temporal").asString()).isEqualTo("embedded");
        assertThat(info.get("purposes").toString()).contains("eligibility", "claim_status");
        assertThat(info.get("routes").toString()).contains("test").doesNotContain("demo");
        assertThat(r.body()).doesNotContainIgnoringCase("password").doesNotContain("postgresql://");
        assertThat(info.get("clearinghouse").get("wired").asBoolean()).isTrue();
        assertThat(info.get("clearinghouse").get("mode").asString()).isEqualTo("json");
        assertThat(r.body()).as("the key never appears").doesNotContain(STEDI.apiKey());
        assertThat(http(null).get("/healthz").json().get("checks").get("clearinghouse").asString()).isEqualTo("ok");
        assertThat(http(null).get("/info").status()).isEqualTo(401);
    }

    @Test
    void openApiDocumentListsTheRunsApi() {
        var r = http(Role.VIEWER).get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode paths = r.json().get("paths");
        assertThat(paths.has("/runs")).isTrue();
        assertThat(paths.has("/runs/{id}")).isTrue();
        assertThat(paths.has("/runs/{id}/mfa")).isTrue();
        assertThat(r.json().get("info").get("description").asString()).as("the error format is documented")
                .contains("problem+json").contains("errors").contains("every problem");
        assertThat(http(Role.VIEWER).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
