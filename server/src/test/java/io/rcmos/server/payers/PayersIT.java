package io.rcmos.server.payers;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PayersIT extends IntegrationTest {

    @Test
    void configuredPayersWithChannelsAndCredentialNamesOnly() {
        var r = http(Role.VIEWER).get("/payers");
        assertThat(r.status()).isEqualTo(200);
        JsonNode uhc = null;
        for (JsonNode p : r.json()) {
            if (p.get("payer_id").asString().equals("87726")) {
                uhc = p;
            }
        }
        assertThat(uhc).isNotNull();
        assertThat(uhc.at("/channels/clearinghouse/trading_partner_id").asString()).isEqualTo("87726");
        assertThat(uhc.at("/channels/portals/1/credential").asString()).isEqualTo("uhc");
        assertThat(r.body()).doesNotContain("sim-portal-pass").doesNotContain("JBSWY3DP");
    }

    @Test
    void anUnconfiguredPayerShowsTheClearinghouseDefaultsAndBadIdsAre400() {
        JsonNode other = http(Role.VIEWER).get("/payers/99999").json();
        assertThat(other.get("configured").asBoolean()).isFalse();
        assertThat(other.at("/payer/channels/clearinghouse/trading_partner_id").asString()).isEqualTo("99999");
        var bad = http(Role.VIEWER).get("/payers/not-an-id!");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(http(null).get("/payers").status()).isEqualTo(401);
    }
}
