package io.rcmos.server.inbox;

import java.util.List;
import java.util.UUID;

/** Which tasks to list: optional type, payer and run, and the statuses wanted. */
public record TaskFilter(String type, String payerId, List<String> statuses, UUID runId) {
}
