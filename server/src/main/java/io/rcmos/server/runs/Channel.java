package io.rcmos.server.runs;

/**
 * A way of answering a run: the clearinghouse, a payer portal, or a person. Implementations are Spring beans;
 * the run workflow calls {@link #execute} from an activity, so it may block and do I/O, and must be safe to call
 * again for the same run (activities retry). It must classify what happened rather than throw: exceptions are
 * treated as transient and retried.
 */
public interface Channel {

    /** The route name clients select ({@code clearinghouse}, {@code portal}, …) and results record. */
    String route();

    /** Whether this channel can answer this purpose for this payer at all. */
    boolean supports(Purpose purpose, String payerId);

    ChannelOutcome execute(ChannelCall call);

    /**
     * Where this channel's calls for the payer and purpose go, for rate limits, credential leases and maintenance
     * windows; null when nothing governs it (test and demo channels).
     */
    default io.rcmos.server.routing.Lane lane(Purpose purpose, String payerId) {
        return null;
    }
}
