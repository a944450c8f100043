package io.rcmos.server.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The in-process fan-out: one tailer per process reads new outbox rows and hands each to every subscriber whose
 * filter matches. Each subscriber has its own bounded queue drained on a worker thread, so a slow client delays
 * only itself; one that falls too far behind is dropped (an SSE client then reconnects with Last-Event-ID).
 * Every replica tails the same table, so subscribers see every event whichever replica wrote it.
 */
@Component
public class EventHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    private static final int BATCH = 500;
    private static final int QUEUE_LIMIT = 10_000;

    private final OutboxReader outbox;
    private final EventsProperties props;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "event-delivery");
        t.setDaemon(true);
        return t;
    });
    private volatile ScheduledExecutorService tailer;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile long lastId = -1;
    private volatile Instant lastPoll = Instant.EPOCH;
    private volatile boolean running;

    EventHub(OutboxReader outbox, EventsProperties props, MeterRegistry metrics) {
        this.outbox = outbox;
        this.props = props;
        Gauge.builder("rcm.events.outbox.lag", () -> running ? Math.max(0, outbox.lastId() - lastId) : 0)
                .description("Outbox events written but not yet read by this process's tailer").register(metrics);
        Gauge.builder("rcm.events.subscribers", subscriptions, List::size).register(metrics);
    }

    /** A live subscription; close it when the consumer goes away. */
    public final class Subscription implements AutoCloseable {
        private final EventFilter filter;
        private final Consumer<Event> consumer;
        private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean paused;
        private volatile long delivered;
        private volatile boolean closed;
        private final Runnable onDrop;

        private Subscription(EventFilter filter, Consumer<Event> consumer, long after, boolean paused, Runnable onDrop) {
            this.filter = filter;
            this.consumer = consumer;
            this.delivered = after;
            this.paused = paused;
            this.onDrop = onDrop;
        }

        private void offer(Event e) {
            if (closed || !filter.matches(e)) {
                return;
            }
            if (queue.size() >= QUEUE_LIMIT) {
                log.warn("dropping a subscriber that fell {} events behind", QUEUE_LIMIT);
                close();
                onDrop.run();
                return;
            }
            queue.add(e);
            schedule();
        }

        /** Delivers directly (replay), skipping anything already delivered. */
        void deliver(Event e) {
            if (!closed && e.id() > delivered) {
                consumer.accept(e);
                delivered = e.id();
            }
        }

        /** Ends a replay: from now on queued live events flow, minus those the replay already delivered. */
        void resume() {
            paused = false;
            schedule();
        }

        long delivered() {
            return delivered;
        }

        private void schedule() {
            if (!paused && draining.compareAndSet(false, true)) {
                delivery.execute(this::drain);
            }
        }

        private void drain() {
            try {
                Event e;
                while (!paused && !closed && (e = queue.poll()) != null) {
                    try {
                        deliver(e);
                    } catch (RuntimeException failure) {
                        close();
                        onDrop.run();
                        return;
                    }
                }
            } finally {
                draining.set(false);
            }
            if (!paused && !closed && !queue.isEmpty()) {
                schedule();
            }
        }

        @Override
        public void close() {
            closed = true;
            subscriptions.remove(this);
            queue.clear();
        }
    }

    /**
     * Subscribes to live events. With {@code paused}, live events are held back until {@link Subscription#resume()}
     * (used to replay history first without losing or repeating anything at the seam).
     */
    public Subscription subscribe(EventFilter filter, Consumer<Event> consumer, long after, boolean paused, Runnable onDrop) {
        Subscription s = new Subscription(filter, consumer, after, paused, onDrop);
        subscriptions.add(s);
        return s;
    }

    /** History after {@code id} matching {@code filter}, in order (for replay). */
    List<Event> history(long id, EventFilter filter, int limit) {
        return outbox.after(id, filter, limit);
    }

    private void poll() {
        try {
            if (lastId < 0) {
                lastId = outbox.lastId();
            }
            List<Event> batch;
            do {
                batch = outbox.after(lastId, null, BATCH);
                for (Event e : batch) {
                    for (Subscription s : subscriptions) {
                        s.offer(e);
                    }
                    lastId = e.id();
                }
            } while (batch.size() == BATCH);
            lastPoll = Instant.now();
        } catch (RuntimeException e) {
            log.warn("outbox tailer pass failed reason={}", e.getClass().getSimpleName());
        }
    }

    /** Asks for a pass now (the ledger has just given events their positions); wakes before it runs coalesce. */
    void wake() {
        ScheduledExecutorService t = tailer;
        if (t != null && running && woken.compareAndSet(false, true)) {
            try {
                t.execute(() -> {
                    woken.set(false);
                    poll();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                woken.set(false);
            }
        }
    }

    /** When the tailer last finished a pass; the health check calls it stuck when this is old. */
    Instant lastPoll() {
        return lastPoll;
    }

    @Override
    public void start() {
        tailer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-tailer");
            t.setDaemon(true);
            return t;
        });
        tailer.scheduleWithFixedDelay(this::poll, 0, props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (tailer != null) {
            tailer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
