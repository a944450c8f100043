package io.rcmos.server.inbox;

import io.rcmos.server.advice.Advice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An inbox task as the API shows it. {@code evidence} are the run's artifacts with signed, expiring links; {@code advice}
 * says what to do about its {@code reasonCode} (null when the table has none); {@code subject} is the patient in
 * masked form and {@code runStatus} the run's status now.
 */
public record InboxTask(UUID id, UUID runId, String type, String payerId, String purpose, String route, String reasonCode,
                        String prompt, String status, List<String> audience, int escalationLevel, String assignee,
                        Instant leaseExpiresAt, Instant createdAt, Instant dueAt, Instant resolvedAt, String resolvedBy,
                        String action, List<String> actions, List<TaskEvidence> evidence, Advice advice, TaskSubject subject,
                        String runStatus) {
}
