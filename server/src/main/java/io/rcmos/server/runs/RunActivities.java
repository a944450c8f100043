package io.rcmos.server.runs;

import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.routing.Governor;
import io.rcmos.server.routing.RoutePolicy;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The run workflow's side effects. Each one is idempotent: it checks the run's current status before changing
 * it, so a retried activity changes nothing twice. State change, timeline entry, outbox event and audit entry
 * of a transition commit in one transaction. Nothing a person typed passes through here: answers stay sealed in
 * PostgreSQL and are referred to by their task's id.
 */
@ActivityInterface
public interface RunActivities {

    /** Marks the run running (once its first channel may call, or a person takes it). */
    @ActivityMethod(name = "StartRun")
    void start(String runId);

    /** The routing policy's next hop, recorded in the timeline and as {@code route.chosen}/{@code route.fallback}. */
    @ActivityMethod(name = "Route")
    RoutePolicy.Hop route(String runId, RoutePolicy.Context context);

    /**
     * The next hop and, for a channel, governance's first answer — one local activity, one transaction: the routing
     * policy's decision recorded ({@code route.chosen}/{@code route.fallback}), then the permit (a wait is recorded as
     * {@code run.throttled}). The workflow since version 1 asks this instead of {@link #route} then {@link #acquire}.
     */
    @ActivityMethod(name = "Plan")
    Plan plan(String runId, RoutePolicy.Context context);

    /**
     * A hop and, when it names a channel, the permit to call it (null otherwise) and whether the channel's attempts
     * run as local activities — decided here and recorded with the plan, so a changed setting never changes the
     * commands of a run already under way.
     */
    record Plan(RoutePolicy.Hop hop, Governor.Permit permit, boolean localAttempts) {
    }

    /** Governance: may the run call this route now (rate limit, credential lease)? {@code asked} counts the asks. */
    @ActivityMethod(name = "Acquire")
    Governor.Permit acquire(String runId, String route, int asked);

    /**
     * One attempt through one channel; {@code breakpointId} names the resolved task whose answer (an MFA code) the
     * channel needs, or is null. A queued run is started by its first attempt; on an answer the run is completed inside
     * this activity.
     */
    @ActivityMethod(name = "Attempt")
    Attempt attempt(String runId, String route, int attempt, String breakpointId);

    /** Opens an inbox task for the run and parks it ({@code waiting_for_human}). */
    @ActivityMethod(name = "OpenTask")
    Task openTask(String runId, String route, String type, String reasonCode, String prompt, long windowSeconds);

    /**
     * The task's state. Once resolved the run is running again, and a corrected input is applied; once expired or
     * canceled the workflow fails the run.
     */
    @ActivityMethod(name = "CheckTask")
    TaskState checkTask(String runId, String breakpointId);

    /** Completes the run with the person's answer: the refused result accepted as is, or a result they looked up. */
    @ActivityMethod(name = "CompleteByPerson")
    void completeByPerson(String runId, String breakpointId, String action);

    @ActivityMethod(name = "FailRun")
    void fail(String runId, String code, String message, boolean retryable);

    /** The result of an attempt as the workflow sees it: no PHI, only the kind and codes. */
    record Attempt(Kind kind, String code, String message, String breakpoint, String prompt, long deadlineSeconds,
                   FailureClass failureClass) {
        public enum Kind { ANSWERED, NEEDS_HUMAN, UNAVAILABLE, REJECTED }
    }

    /** An opened task: its id and when it is due. */
    record Task(String breakpointId, long dueAtMillis) {
    }

    /** A task's status ({@code open}, {@code claimed}, {@code resolved}, {@code expired}, {@code canceled}) and action. */
    record TaskState(String status, String action) {
        public boolean closed() {
            return !"open".equals(status) && !"claimed".equals(status);
        }
    }
}
