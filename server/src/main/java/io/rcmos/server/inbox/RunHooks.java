package io.rcmos.server.inbox;

import tools.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What the inbox needs from the runs module, implemented there (so this module does not depend on it): checking an
 * answer that carries data before it is accepted, and waking the run's workflow when its task changed.
 */
public interface RunHooks {

    /**
     * Checks a {@code review} answer against the run: a corrected input ({@code correct}) must pass the same checks
     * as {@code POST /runs}; a looked-up result ({@code answer}) must be a result of the run's purpose;
     * {@code accept} needs an output to accept. Throws an {@code ApiProblem} naming the field otherwise.
     */
    void check(UUID runId, String action, JsonNode value);

    /** Tells the run's workflow that its task changed (resolved, or failed by SLA); harmless if it already knows. */
    void wake(UUID runId, UUID breakpointId);

    /** What a task shows of its run: the run's status and masked patient context (never a whole id or name). */
    record RunContext(String runStatus, String memberHint, String nameInitials) {
    }

    /** The context of many runs at once (one query for a page of tasks); runs that do not exist are left out. */
    Map<UUID, RunContext> context(Collection<UUID> runIds);
}
