package io.rcmos.server.inbox;

import java.time.Instant;
import java.util.UUID;

/** One artifact of the task's run, with a signed link that expires at {@code expiresAt}. */
public record TaskEvidence(UUID artifactId, String kind, String step, String url, Instant expiresAt) {
}
