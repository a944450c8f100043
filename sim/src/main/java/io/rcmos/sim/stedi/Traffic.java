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
        /** Requests received per control number (Stedi's {@code controlNumber}, ISA13 of raw X12): one exchange each. */
        final Map<String, AtomicInteger> byControlNumber = new ConcurrentHashMap<>();
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
        return arrived(member, null);
    }

    /**
     * A request for {@code member} under {@code controlNumber} (null when it carried none) arrived; close the
     * returned handle when its answer has been written.
     */
    public InFlight arrived(String member, String controlNumber) {
        Counts c = byMember.computeIfAbsent(member, m -> new Counts());
        c.requests.incrementAndGet();
        if (controlNumber != null) {
            c.byControlNumber.computeIfAbsent(controlNumber, n -> new AtomicInteger()).incrementAndGet();
        }
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

    /** The control numbers this member's requests carried, with how many requests carried each. */
    public Map<String, Integer> controlNumbers(String member) {
        Counts c = byMember.get(member);
        Map<String, Integer> out = new java.util.TreeMap<>();
        if (c != null) {
            c.byControlNumber.forEach((n, count) -> out.put(n, count.get()));
        }
        return out;
    }

    /** Distinct exchanges (control numbers) asked for this member id. */
    public int exchanges(String member) {
        Counts c = byMember.get(member);
        return c == null ? 0 : c.byControlNumber.size();
    }

    /** Requests for this member id that repeated a control number already received (the same exchange asked again). */
    public int repeats(String member) {
        Counts c = byMember.get(member);
        return c == null ? 0 : c.byControlNumber.values().stream().mapToInt(n -> n.get() - 1).sum();
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
