package io.rcmos.server.platform;

import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The probes over HTTP, anonymous: liveness is trivial, readiness and health name every check and carry no exception text. */
class ProbesIT extends IntegrationTest {

    @Test
    void livenessIsTrivialAndPublic() {
        var r = http(null).get("/livez");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("up");
        assertThat(r.json().size()).isEqualTo(1);
        assertThat(r.header("Cache-Control")).contains("no-store");
    }

    @Test
    void readinessNamesEveryCheck() {
        var r = http(null).get("/readyz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("ready");
        for (String check : new String[]{"db", "temporal", "events", "artifacts", "clearinghouse"}) {
            assertThat(r.json().get("checks").get(check).asString()).as(check).isEqualTo("ok");
        }
        assertThat(r.json().has("failed")).isFalse();
    }

    @Test
    void healthzKeepsItsShape() {
        var r = http(null).get("/healthz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("ok");
        assertThat(r.json().get("checks").get("db").asString()).isEqualTo("ok");
    }

    @Test
    void probesTakeNoBodyAndOtherMethodsAreRefusedAsProblemJson() {
        var r = http(null).send("POST", "/readyz", "application/json", "{}");
        assertThat(r.status()).isIn(401, 403, 405);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
    }
}
