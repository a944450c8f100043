package io.rcmos.server.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SLA sweep, every {@code rcm.inbox.sweep-interval}: handles every task past its due time — a
 * {@code breakpoint.sla_breached} event and metric, then per type either a re-queue to the wider audience (claim
 * dropped, due again in one SLA; once) or the task expires and its run is woken to fail with
 * {@code human_sla_breached}. Safe with several processes (rows are skipped when locked).
 */
final class SlaSweep {

    private static final Actor BOT = Actor.bot("inbox");

    private final InboxStore store;
    private final TransactionTemplate tx;
    private final Events events;
    private final AuditLog audit;
    private final InboxProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RunWake wake;

    SlaSweep(InboxStore store, TransactionTemplate tx, Events events, AuditLog audit, InboxProperties props, Clock clock,
             MeterRegistry meters, RunWake wake) {
        this.store = store;
        this.tx = tx;
        this.events = events;
        this.audit = audit;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
        this.wake = wake;
    }

    @Scheduled(fixedDelayString = "${rcm.inbox.sweep-interval:15s}", initialDelayString = "${rcm.inbox.sweep-interval:15s}")
    void scheduled() {
        sweep();
    }

    /** Handles the tasks due by now; returns how many. */
    int sweep() {
        List<InboxTask> expired = new ArrayList<>();
        Integer handled = tx.execute(s -> {
            List<InboxTask> breached = store.breached(clock.instant());
            for (InboxTask t : breached) {
                InboxProperties.TypePolicy policy = props.policy(t.type());
                boolean requeue = "requeue".equals(policy.escalation()) && t.escalationLevel() == 0;
                Map<String, Object> payload = TaskPayload.of(t);
                payload.put("due_at", t.dueAt().toString());
                payload.put("escalation_level", t.escalationLevel());
                payload.put("escalation", requeue ? "requeue" : "fail");
                events.append("breakpoint.sla_breached", t.runId(), null, payload);
                Counter.builder("rcm.inbox.sla.breached").description("Inbox tasks past their SLA, by type and payer")
                        .tags("type", t.type(), "payer", t.payerId()).register(meters).increment();
                if (requeue) {
                    Set<String> wider = new LinkedHashSet<>(t.audience());
                    wider.addAll(props.escalationRoles());
                    Instant due = clock.instant().plus(policy.sla());
                    store.requeue(t.id(), wider, due);
                    Map<String, Object> escalated = TaskPayload.of(t);
                    escalated.put("audience", List.copyOf(wider));
                    escalated.put("due_at", due.toString());
                    events.append("inbox.escalated", t.runId(), null, escalated);
                    audit.append(BOT, "inbox.escalated", "breakpoint", t.id().toString(), t.runId(),
                            Map.of("type", t.type(), "audience", List.copyOf(wider)));
                } else {
                    store.expire(t.id());
                    audit.append(BOT, "inbox.expired", "breakpoint", t.id().toString(), t.runId(), Map.of("type", t.type()));
                    expired.add(t);
                }
            }
            return breached.size();
        });
        expired.forEach(t -> wake.now(t.runId(), t.id()));
        return handled == null ? 0 : handled;
    }
}
