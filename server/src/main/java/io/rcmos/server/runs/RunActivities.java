package io.rcmos.server.runs;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

import java.util.List;

/**
 * The run workflow's side effects. Each one is idempotent: it checks the run's current status before changing
 * it, so a retried activity changes nothing twice. State change, timeline entry, outbox event and audit entry
 * of a transition commit in one transaction.
 */
@ActivityInterface
public interface RunActivities {

    /** Marks the run running and returns the routes to try, in order. */
    @ActivityMethod(name = "StartRun")
    List<String> start(String runId);

    /** One attempt through one channel. On an answer the run is completed inside this activity. */
    @ActivityMethod(name = "Attempt")
    Attempt attempt(String runId, String route, int attempt, String humanInput);

    @ActivityMethod(name = "AwaitHuman")
    void awaitHuman(String runId, String breakpoint, String prompt, long dueAtEpochMillis);

    @ActivityMethod(name = "ResumeFromHuman")
    void resumeFromHuman(String runId, String breakpoint);

    @ActivityMethod(name = "FailRun")
    void fail(String runId, String code, String message, boolean retryable);

    /** The result of an attempt as the workflow sees it: no PHI, only the kind and codes. */
    record Attempt(Kind kind, String code, String message, String breakpoint, String prompt, long deadlineSeconds) {
        public enum Kind { ANSWERED, NEEDS_HUMAN, UNAVAILABLE, REJECTED }
    }
}
