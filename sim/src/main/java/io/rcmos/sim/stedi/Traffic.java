package io.rcmos.sim.stedi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the simulator saw per member id (one member per row in batch tests): requests received, faults answered, and
 * how many of that member's requests were in flight at once — from arrival until the answer was written, latency and
 * hangs included. Tests read it to prove a client never sent one check twice at the same time and sent each attempt
 * once.
 */
public final class Traffic {

    private static final class Counts {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger faults = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
    }

    private final Map<String, Counts> byMember = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    /** A request in flight; closed when its answer has been written. */
    public interface InFlight extends AutoCloseable {
        @Override
        void close();
    }

    /** A request for {@code member} arrived; close the returned handle when its answer has been written. */
    public InFlight arrived(String member) {
        Counts c = byMember.computeIfAbsent(member, m -> new Counts());
        c.requests.incrementAndGet();
        c.maxInFlight.accumulateAndGet(c.inFlight.incrementAndGet(), Math::max);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return () -> {
            c.inFlight.decrementAndGet();
            inFlight.decrementAndGet();
        };
    }

    public void faulted(String member) {
        byMember.computeIfAbsent(member, m -> new Counts()).faults.incrementAndGet();
    }

    /** Requests received for this member id (any endpoint, any answer). */
    public int requests(String member) {
        Counts c = byMember.get(member);
        return c == null ? 0 : c.requests.get();
    }

    /** Answers for this member id that were an injected fault (429, 5xx, hang, malformed body). */
    public int faults(String member) {
        Counts c = byMember.get(member);
        return c == null ? 0 : c.faults.get();
    }

    /** The most requests for this member id that were in flight at the same moment. */
    public int maxInFlight(String member) {
        Counts c = byMember.get(member);
        return c == null ? 0 : c.maxInFlight.get();
    }

    /** The most requests in flight at once, all members together. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Members seen so far. */
    public java.util.Set<String> members() {
        return java.util.Set.copyOf(byMember.keySet());
    }

    /** Forgets everything counted (between test phases). */
    public void reset() {
        byMember.clear();
        maxInFlight.set(inFlight.get());
    }
}
