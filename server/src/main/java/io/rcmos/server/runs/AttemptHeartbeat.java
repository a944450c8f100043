package io.rcmos.server.runs;

import io.rcmos.server.channels.Heartbeat;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal heartbeat of one attempt while its channel works: every third of the attempt's heartbeat timeout, from
 * a scheduler thread (the activity's own thread is busy in the channel), carrying the last progress the channel
 * reported. So a worker that dies or freezes stops beating and Temporal retries the attempt elsewhere after the
 * heartbeat timeout, not after the attempt's whole time limit. When Temporal answers that the attempt is no longer
 * current (timed out, canceled) the beating stops and {@link #abandoned()} turns true. Attempts whose policy has no
 * heartbeat timeout do not beat.
 */
final class AttemptHeartbeat implements Heartbeat, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptHeartbeat.class);
    private static final long MIN_PERIOD_MILLIS = 100;

    private final ActivityExecutionContext context;
    private final ScheduledFuture<?> ticking;
    private volatile String where = "started";
    private volatile boolean abandoned;

    private AttemptHeartbeat(ActivityExecutionContext context, ScheduledExecutorService scheduler) {
        this.context = context;
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        if (timeout == null || timeout.isZero()) {
            this.ticking = null;
            return;
        }
        long period = Math.max(MIN_PERIOD_MILLIS, timeout.toMillis() / 3);
        this.ticking = scheduler.scheduleAtFixedRate(this::send, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Starts beating for the attempt running in {@code context} (when its policy has a heartbeat timeout). */
    static AttemptHeartbeat start(ActivityExecutionContext context, ScheduledExecutorService scheduler) {
        return new AttemptHeartbeat(context, scheduler);
    }

    @Override
    public void beat(String where) {
        this.where = where;
    }

    @Override
    public boolean abandoned() {
        return abandoned;
    }

    private void send() {
        if (abandoned) {
            return;
        }
        try {
            context.heartbeat(where);
        } catch (ActivityCompletionException e) {
            abandoned = true;
            ticking.cancel(false);
            log.info("attempt abandoned: Temporal no longer expects it ({})", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            // a missed beat is not fatal: the next one may pass, and the heartbeat timeout decides
            log.warn("heartbeat not sent: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
