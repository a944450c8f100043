package io.rcmos.server.inbox;

import io.rcmos.server.advice.ErrorAdvice;
import io.rcmos.server.artifacts.Artifacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tasks as shown: their runs' evidence (signed in one query for the whole page), the runs' status and masked patient
 * (one call to the runs module), and the advice for each reason code.
 */
final class TaskViews {

    private final Artifacts artifacts;
    private final RunHooks hooks;
    private final ErrorAdvice advice;

    /** {@code artifacts} may be null (no artifact store configured): tasks then show no evidence. */
    TaskViews(Artifacts artifacts, RunHooks hooks, ErrorAdvice advice) {
        this.artifacts = artifacts;
        this.hooks = hooks;
        this.advice = advice;
    }

    List<InboxTask> shown(List<InboxTask> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        List<UUID> runIds = tasks.stream().map(InboxTask::runId).distinct().toList();
        Map<UUID, List<Artifacts.Entry>> served = artifacts == null ? Map.of() : artifacts.listServed(runIds);
        Map<UUID, RunHooks.RunContext> runs = hooks.context(runIds);
        return tasks.stream().map(t -> {
            RunHooks.RunContext run = runs.get(t.runId());
            return new InboxTask(t.id(), t.runId(), t.type(), t.payerId(), t.purpose(), t.route(), t.reasonCode(),
                    t.prompt(), t.status(), t.audience(), t.escalationLevel(), t.assignee(), t.leaseExpiresAt(), t.createdAt(), t.dueAt(),
                    t.resolvedAt(), t.resolvedBy(), t.action(), t.actions(), served.getOrDefault(t.runId(), List.of()).stream()
                    .map(e -> new TaskEvidence(e.artifactId(), e.kind(), e.step(), e.url(), e.expiresAt())).toList(),
                    advice.of(t.reasonCode()), run == null ? null : new TaskSubject(run.memberHint(), run.nameInitials()),
                    run == null ? null : run.runStatus());
        }).toList();
    }

    InboxTask shown(InboxTask task) {
        return shown(List.of(task)).get(0);
    }
}
