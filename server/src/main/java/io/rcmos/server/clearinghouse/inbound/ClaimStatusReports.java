package io.rcmos.server.clearinghouse.inbound;

import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.audit.Actor;
import io.rcmos.server.clearinghouse.ClaimStatusReport;
import io.rcmos.server.clearinghouse.ClaimWatches;
import io.rcmos.server.runs.RunService;
import io.rcmos.server.runs.RunView;
import io.rcmos.x12.model.ClaimStatusResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The 277 a webhook announces, once fetched (by the outbound side, {@link io.rcmos.server.clearinghouse.ClaimStatusReportSource}):
 * attached to every run watching one of its claims — the claim replaced in the run's output, the raw 277 kept as
 * evidence, the watch ended once the claim is no longer pending.
 */
@Component
class ClaimStatusReports {

    static final Actor STEDI = new Actor("stedi-webhook", Actor.Type.SYSTEM);
    private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final ClaimWatches watches;
    private final RunService runs;
    private final JsonMapper json;
    private final ObjectProvider<Artifacts> artifacts;

    ClaimStatusReports(ClaimWatches watches, RunService runs, JsonMapper json, ObjectProvider<Artifacts> artifacts) {
        this.watches = watches;
        this.runs = runs;
        this.json = json;
        this.artifacts = artifacts;
    }

    static boolean validTransactionId(String id) {
        return id != null && TRANSACTION_ID.matcher(id).matches();
    }

    /** Attaches a report to the runs watching its claims; returns how many runs were amended. Call inside a transaction. */
    int attach(ClaimStatusReport report, String transactionId) {
        int amended = 0;
        for (ClaimStatusResult.Claim claim : report.result().claims()) {
            if (claim.payerClaimNumber() == null) {
                continue;
            }
            for (UUID runId : watches.watching(claim.payerClaimNumber())) {
                if (amend(runId, claim, report, transactionId)) {
                    amended++;
                }
                if (!ClaimWatches.pending(claim)) {
                    watches.end(claim.payerClaimNumber(), runId);
                }
            }
        }
        return amended;
    }

    private boolean amend(UUID runId, ClaimStatusResult.Claim claim, ClaimStatusReport report, String transactionId) {
        RunView run = runs.get(runId);
        if (!(run.output() instanceof JsonNode output) || output.isNull()) {
            return false;
        }
        ClaimStatusResult current = json.treeToValue(output, ClaimStatusResult.class);
        List<ClaimStatusResult.Claim> claims = new ArrayList<>();
        boolean replaced = false;
        for (ClaimStatusResult.Claim c : current.claims()) {
            if (claim.payerClaimNumber().equals(c.payerClaimNumber())) {
                claims.add(claim);
                replaced = true;
            } else {
                claims.add(c);
            }
        }
        if (!replaced) {
            claims.add(claim);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("transaction_id", transactionId);
        facts.put("status_category_code", claim.statusCategoryCode());
        facts.put("claims", claims.size());
        runs.amendOutput(runId, new ClaimStatusResult(claims, current.errors(), current.source()),
                "277 received by webhook: claim now " + claim.statusCategoryCode(), facts, STEDI);
        Artifacts store = artifacts.getIfAvailable();
        if (store != null && report.x12() != null) {
            store.store(runId, "x12", "277-webhook", "application/edi-x12", report.x12().getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }
}
