package io.rcmos.server.payers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayerRegistryTest {

    @Test
    void theShippedPayerFilesLoad() {
        PayerRegistry registry = PayerRegistry.load(Path.of("../config/payers"));
        assertThat(registry.all()).extracting(PayerConfig::payerId).containsExactlyInAnyOrder("87726", "60054");
        PayerConfig uhc = registry.get("87726");
        assertThat(uhc.channels().clearinghouse().tradingPartnerId()).isEqualTo("87726");
        assertThat(uhc.channels().portals()).extracting(PayerConfig.Portal::portal).containsExactly("availity", "uhc");
        assertThat(uhc.channels().portals().get(1).flows()).containsEntry("claim_status", "uhc/claim_status.yaml");
        assertThat(uhc.maintenanceWindows()).singleElement().satisfies(w -> assertThat(w.day()).isEqualTo(DayOfWeek.SUNDAY));
    }

    @Test
    void aPayerWithoutAFileGetsClearinghouseDefaults() {
        PayerConfig other = PayerRegistry.load(Path.of("../config/payers")).get("12345");
        assertThat(other.channels().clearinghouse().purposes()).containsExactly("eligibility", "claim_status");
        assertThat(other.channels().portals()).isEmpty();
    }

    @Test
    void everyProblemOfEveryFileIsNamedAndNothingLoads(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("availity"));
        Files.writeString(dir.resolve("availity/eligibility.yaml"), "flow: x\n");
        Files.writeString(dir.resolve("a.yaml"), """
                payer_id: "1"
                channels:
                  clearinghouse: {trading_partner_id: "1", purposes: [eligibility, dental], rate_limit: {per_second: 0, burst: 1}}
                  portals:
                    - {portal: availity, purposes: [eligibility, claim_status], flows: {eligibility: availity/eligibility.yaml}, credential: ""}
                maintenance_windows:
                  - {channel: "portal:uhc", day: MONDAY, from: "10:00", to: "09:00", zone: UTC}
                """);
        Files.writeString(dir.resolve("b.yaml"), "payer_id: \"2\"\nchannels: {}\ncolor: blue\n");
        Files.writeString(dir.resolve("c.yaml"), "payer_id: [unclosed\n");
        Files.writeString(dir.resolve("d.yaml"), "payer_id: \"7\"\nchannels: {clearinghouse: {trading_partner_id: \"7\", purposes: [eligibility]}}\n");
        Files.writeString(dir.resolve("d2.yaml"), "payer_id: \"7\"\nchannels: {clearinghouse: {trading_partner_id: \"7\", purposes: [claim_status]}}\n");
        Files.writeString(dir.resolve("e.yaml"), "payer_id: \"x/../y\"\nchannels: {portals: [{portal: x, purposes: [eligibility], flows: {eligibility: ../../etc/passwd}, credential: c}]}\n");

        assertThatThrownBy(() -> PayerRegistry.load(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a.yaml: channels.clearinghouse.purposes: unknown purpose dental")
                .hasMessageContaining("a.yaml: channels.clearinghouse.rate_limit: per_second must be above 0")
                .hasMessageContaining("a.yaml: channels.portals[0].flows.claim_status: required")
                .hasMessageContaining("a.yaml: channels.portals[0].credential: required")
                .hasMessageContaining("a.yaml: maintenance_windows[0].channel: must be clearinghouse or portal:")
                .hasMessageContaining("a.yaml: maintenance_windows[0]: from must be before to")
                .hasMessageContaining("b.yaml:")
                .hasMessageContaining("Unrecognized property \"color\"")
                .hasMessageContaining("c.yaml:")
                .hasMessageContaining("d2.yaml: payer_id 7 is configured twice")
                .hasMessageContaining("e.yaml: payer_id: required")
                .hasMessageContaining("e.yaml: channels.portals[0].flows.eligibility: no flow file ../../etc/passwd");
    }
}
