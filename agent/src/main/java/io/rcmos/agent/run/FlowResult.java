package io.rcmos.agent.run;

import java.util.List;

/**
 * A finished or suspended stretch of a run: the outcome, the evidence gathered in that stretch, and the login the
 * browser holds at its end (storage state JSON, to be kept encrypted and reused by the next run of the same
 * credential; null when the run ended without one).
 */
public record FlowResult(FlowOutcome outcome, List<EvidenceFile> evidence, String storageState) {

    public FlowResult {
        evidence = List.copyOf(evidence);
    }
}
