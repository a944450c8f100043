package io.rcmos.server.inbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inbox settings ({@code rcm.inbox}): how long a claim holds ({@code lease}), how often SLAs are checked, and per task
 * type its SLA, who may work it, and what a breach does — {@code requeue} (drop the claim and widen the audience to
 * {@code escalationRoles}, once; a second breach fails the run) or {@code fail} (fail the run with a clear reason).
 * {@code answerKey} seals answers at rest (generated under RCM_HOME when blank). {@code qa} is the sampling policy.
 */
@ConfigurationProperties("rcm.inbox")
public record InboxProperties(Duration lease, Duration sweepInterval, String answerKey, List<String> escalationRoles,
                              Map<String, TypePolicy> types, Qa qa) {

    public static final Set<String> TYPES = Set.of("mfa", "captcha", "review", "credentials");

    public InboxProperties {
        lease = lease == null ? Duration.ofMinutes(10) : lease;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(15) : sweepInterval;
        escalationRoles = escalationRoles == null || escalationRoles.isEmpty() ? List.of("operator", "reviewer") : List.copyOf(escalationRoles);
        Map<String, TypePolicy> merged = new LinkedHashMap<>(defaults());
        if (types != null) {
            types.forEach((type, policy) -> {
                if (!TYPES.contains(type)) {
                    throw new IllegalStateException("rcm.inbox.types." + type + ": unknown task type (expected one of " + TYPES + ")");
                }
                TypePolicy base = merged.get(type);
                merged.put(type, new TypePolicy(policy.sla() == null ? base.sla() : policy.sla(),
                        policy.escalation() == null ? base.escalation() : policy.escalation(),
                        policy.roles() == null || policy.roles().isEmpty() ? base.roles() : policy.roles()));
            });
        }
        merged.forEach((type, policy) -> {
            if (!Set.of("requeue", "fail").contains(policy.escalation())) {
                throw new IllegalStateException("rcm.inbox.types." + type + ".escalation must be requeue or fail");
            }
        });
        types = Map.copyOf(merged);
        qa = qa == null ? new Qa(0.10, List.of()) : qa;
        if (qa.rate() < 0 || qa.rate() > 1) {
            throw new IllegalStateException("rcm.inbox.qa.rate must be between 0 and 1");
        }
    }

    /**
     * MFA and CAPTCHA answers go stale in minutes (a breach fails the run) and are the ops staff's; reviews of odd
     * results are the reviewers'; reviews and credentials can wait, and a breach widens them to everyone.
     */
    private static Map<String, TypePolicy> defaults() {
        return Map.of(
                "mfa", new TypePolicy(Duration.ofMinutes(5), "fail", List.of("operator")),
                "captcha", new TypePolicy(Duration.ofMinutes(10), "fail", List.of("operator")),
                "review", new TypePolicy(Duration.ofHours(4), "requeue", List.of("reviewer")),
                "credentials", new TypePolicy(Duration.ofHours(8), "requeue", List.of("operator")));
    }

    public TypePolicy policy(String type) {
        return types.get(type);
    }

    /** The SLA of a task type, who works it first, and what a breach does. */
    public record TypePolicy(Duration sla, String escalation, List<String> roles) {
    }

    /**
     * QA sampling: {@code rate} of resolved tasks are sampled, and every {@code review} task of {@code reviewPayers}.
     */
    public record Qa(double rate, List<String> reviewPayers) {
        public Qa {
            reviewPayers = reviewPayers == null ? List.of() : List.copyOf(reviewPayers);
        }
    }
}
