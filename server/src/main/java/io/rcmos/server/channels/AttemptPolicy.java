package io.rcmos.server.channels;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;

import java.time.Duration;

/**
 * How Temporal runs one channel's attempts — the only retry there is. Each attempt makes one call; a
 * {@link ChannelOutcome.Transient} outcome fails the attempt and Temporal tries again after {@code initialInterval},
 * doubling up to {@code maxInterval} (or after the delay the other side asked for, capped at {@code maxRetryDelay}),
 * at most {@code maxAttempts} times in all. Answers, refusals and "unavailable" are results, never retried.
 *
 * <p>{@code attemptTimeout} (start-to-close) must exceed the longest one attempt can take, so a retry never starts
 * while the previous attempt still calls out. {@code heartbeatTimeout} (null: none) is for long attempts that
 * heartbeat while they work: a dead or frozen worker's attempt is retried that long after its last heartbeat.
 * {@code waitForWorker} (schedule-to-start, null: none) bounds the wait for a free slot on {@code queueSuffix}'s queue.
 *
 * @param queueSuffix appended to the runs task queue for this channel's attempts ("" for the runs queue itself)
 */
public record AttemptPolicy(String queueSuffix, Duration attemptTimeout, Duration heartbeatTimeout, Duration waitForWorker,
                            int maxAttempts, Duration initialInterval, Duration maxInterval, Duration maxRetryDelay) {

    /** Channels that state nothing (test and demo channels): three attempts of up to three minutes. */
    public static final AttemptPolicy DEFAULT = new AttemptPolicy("", Duration.ofMinutes(3), null, null, 3,
            Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(4));

    /** Temporal's type of the failure a transient outcome becomes; its only detail is the outcome's code. */
    public static final String TRANSIENT_FAILURE = "ChannelTransient";

    public AttemptPolicy {
        if (queueSuffix == null) {
            queueSuffix = "";
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("an attempt policy needs at least one attempt");
        }
        if (attemptTimeout == null || attemptTimeout.isZero() || attemptTimeout.isNegative()) {
            throw new IllegalArgumentException("an attempt policy needs a positive attempt timeout");
        }
        if (heartbeatTimeout != null && heartbeatTimeout.compareTo(attemptTimeout) >= 0) {
            throw new IllegalArgumentException("the heartbeat timeout must be shorter than the attempt timeout");
        }
        if (maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException("the longest pause between attempts must be at least the first");
        }
        if (maxRetryDelay == null || maxRetryDelay.compareTo(maxInterval) < 0) {
            maxRetryDelay = maxInterval;
        }
    }

    /**
     * Schedule-to-close: above the whole budget — every attempt waiting for a worker and running to its limit, and
     * the longest pause before each retry — plus a minute, so Temporal's policy, not this bound, ends the retries.
     */
    public Duration wholeBudget() {
        Duration perAttempt = attemptTimeout.plus(waitForWorker == null ? Duration.ZERO : waitForWorker);
        return perAttempt.multipliedBy(maxAttempts).plus(maxRetryDelay.multipliedBy(maxAttempts - 1L)).plus(Duration.ofMinutes(1));
    }

    /** The options of this channel's attempts as local activities (no queue, no heartbeat: the same limits and retries). */
    public LocalActivityOptions localActivityOptions() {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(attemptTimeout)
                .setScheduleToCloseTimeout(wholeBudget())
                .setRetryOptions(retryOptions())
                .build();
    }

    private RetryOptions retryOptions() {
        return RetryOptions.newBuilder()
                .setInitialInterval(initialInterval)
                .setBackoffCoefficient(2)
                .setMaximumInterval(maxInterval)
                .setMaximumAttempts(maxAttempts)
                .build();
    }

    /** The activity options of this channel's attempts; {@code runsQueue} is the task queue of the run workflows. */
    public ActivityOptions activityOptions(String runsQueue) {
        ActivityOptions.Builder options = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(attemptTimeout)
                .setScheduleToCloseTimeout(wholeBudget())
                .setRetryOptions(retryOptions());
        if (!queueSuffix.isEmpty()) {
            options.setTaskQueue(runsQueue + queueSuffix);
        }
        if (heartbeatTimeout != null) {
            options.setHeartbeatTimeout(heartbeatTimeout);
        }
        if (waitForWorker != null) {
            options.setScheduleToStartTimeout(waitForWorker);
        }
        return options.build();
    }
}
