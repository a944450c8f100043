package io.rcmos.server.clearinghouse;

import io.rcmos.x12.model.ClaimStatusResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * The one place that knows {@code claim_status_watches}: which runs wait for a later word on a pending claim.
 * Keyed by payer and payer claim number (REF*1K), never by member data. Shared by both sides of the clearinghouse:
 * the outbound channel starts watches on a pending answer, the inbound webhook intake reads and ends them.
 */
@Component
public class ClaimWatches {

    private final JdbcClient jdbc;

    ClaimWatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Watches every pending claim of an answer that the payer numbered; safe to repeat (activities retry). */
    public void watchPending(UUID runId, String payerId, ClaimStatusResult result) {
        for (ClaimStatusResult.Claim c : result.claims()) {
            if (pending(c) && c.payerClaimNumber() != null) {
                jdbc.sql("insert into claim_status_watches (payer_id, payer_claim_number, run_id) values (?, ?, ?) on conflict do nothing")
                        .params(payerId, c.payerClaimNumber(), runId).update();
            }
        }
    }

    public List<UUID> watching(String payerClaimNumber) {
        return jdbc.sql("select run_id from claim_status_watches where payer_claim_number = ? order by created_at")
                .param(payerClaimNumber).query(UUID.class).list();
    }

    public void end(String payerClaimNumber, UUID runId) {
        jdbc.sql("delete from claim_status_watches where payer_claim_number = ? and run_id = ?").params(payerClaimNumber, runId).update();
    }

    /** Whether the payer still has the claim pending (status category P…). */
    public static boolean pending(ClaimStatusResult.Claim c) {
        return c.statusCategoryCode() != null && c.statusCategoryCode().startsWith("P");
    }
}
