package io.rcmos.server.platform;

import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformIT extends IntegrationTest {

    @Test
    void healthzIsPublicAndNamesEveryCheck() {
        var r = http(null).get("/healthz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("ok");
        assertThat(r.json().get("checks").get("db").asString()).isEqualTo("ok");
        assertThat(r.json().get("checks").get("temporal").asString()).isEqualTo("ok");
    }

    @Test
    void unknownPathIsProblemJsonNotAStackTrace() {
        var r = http(io.rcmos.server.security.Role.ADMIN).get("/no/such/thing");
        assertThat(r.status()).isIn(403, 404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
    }
}
