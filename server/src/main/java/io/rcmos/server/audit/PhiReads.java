package io.rcmos.server.audit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access log of patient data: who read which run's PHI (a run's request and answer, a batch's results file, a run's
 * evidence), and when. A page that stays open refetches what changes live; reads of the same thing by the same person
 * within {@link #COALESCE} count as one look, so the log records looks, not refreshes.
 */
@Component
public class PhiReads {

    static final Duration COALESCE = Duration.ofMinutes(1);

    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<String, Long> recent = new ConcurrentHashMap<>();

    PhiReads(AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Records that {@code actor} read the PHI of {@code targetType}/{@code targetId} (of run {@code runId}, if any). */
    public void read(Actor actor, String action, String targetType, String targetId, UUID runId) {
        long now = clock.millis();
        String key = actor.name() + "|" + action + "|" + targetId;
        Long last = recent.get(key);
        if (last != null && now - last < COALESCE.toMillis()) {
            return;
        }
        recent.put(key, now);
        if (recent.size() > 10_000) {
            recent.values().removeIf(t -> now - t >= COALESCE.toMillis());
        }
        tx.executeWithoutResult(s -> audit.append(actor, action, targetType, targetId, runId, Map.of()));
    }
}
