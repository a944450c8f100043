package io.rcmos.server.channels;

import java.time.Duration;

/**
 * What a channel declares about running its attempts, so the run workflow and its activities need no channel's name:
 * its {@link AttemptPolicy} (task queue, time limits, heartbeats, retries), how long a granted permit holds the
 * channel's credential lease, and how many of its attempts one process runs at once on its own queue.
 *
 * @param leaseHold  how long a permit holds the lane's credential before the attempt renews it
 * @param queueSlots concurrent attempts per process on the channel's own queue ({@link AttemptPolicy#queueSuffix()});
 *                   ignored for channels that share the runs queue
 * @param local      attempts run as local activities, inside the workflow task that asks for them (no round trip
 *                   through the Temporal server): for short calls that need no heartbeat and no queue of their own
 */
public record ChannelProperties(AttemptPolicy attempts, Duration leaseHold, int queueSlots, boolean local) {

    /** A call-and-answer channel: a credential (if any) is held a few minutes around one call. */
    public static final Duration CALL_HOLD = Duration.ofMinutes(3);

    /** Channels that state nothing (test and demo channels): the default attempts, on the runs queue. */
    public static final ChannelProperties DEFAULT = new ChannelProperties(AttemptPolicy.DEFAULT, CALL_HOLD, 0, false);

    public ChannelProperties {
        if (attempts == null) {
            throw new IllegalArgumentException("a channel needs an attempt policy");
        }
        if (leaseHold == null || leaseHold.isNegative() || leaseHold.isZero()) {
            throw new IllegalArgumentException("a channel's lease hold must be positive");
        }
        if (!attempts.queueSuffix().isEmpty() && queueSlots < 1) {
            throw new IllegalArgumentException("a channel with its own task queue needs at least one slot");
        }
        if (local && (!attempts.queueSuffix().isEmpty() || attempts.heartbeatTimeout() != null)) {
            throw new IllegalArgumentException("local attempts run in the workflow task: no queue of their own, no heartbeat");
        }
    }

    /** Attempts on the runs queue, with this policy. */
    public static ChannelProperties of(AttemptPolicy attempts) {
        return new ChannelProperties(attempts, CALL_HOLD, 0, false);
    }

    /** Attempts as local activities, with this policy. */
    public static ChannelProperties local(AttemptPolicy attempts) {
        return new ChannelProperties(attempts, CALL_HOLD, 0, true);
    }

    /** Whether attempts go to a queue of the channel's own. */
    public boolean ownQueue() {
        return !attempts.queueSuffix().isEmpty();
    }
}
