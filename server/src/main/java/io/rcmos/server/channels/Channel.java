package io.rcmos.server.channels;

import java.util.UUID;

/**
 * A way of answering a run: the clearinghouse, a payer portal, or a person. Implementations are Spring beans;
 * the run workflow calls {@link #execute} from an activity, so it may block and do I/O, and must be safe to call
 * again for the same run (activities retry). One call of {@link #execute} is one attempt: a channel never retries
 * by itself but says {@link ChannelOutcome.Transient}, and its {@link #properties} decide whether and when
 * Temporal tries again. It must classify what happened rather than throw: exceptions are treated as transient.
 */
public interface Channel {

    /** The route name clients select ({@code clearinghouse}, {@code portal}, …) and results record. */
    String route();

    /** Whether this channel can answer this purpose for this payer at all. */
    boolean supports(Purpose purpose, String payerId);

    ChannelOutcome execute(ChannelCall call);

    /** How its attempts run: task queue, time limits, heartbeats, retries, credential hold. */
    default ChannelProperties properties() {
        return ChannelProperties.DEFAULT;
    }

    /**
     * Where this channel's calls for the payer and purpose go, for rate limits, credential leases and maintenance
     * windows; null when nothing governs it (test and demo channels).
     */
    default Lane lane(Purpose purpose, String payerId) {
        return null;
    }

    /**
     * The run has acted on this channel's last outcome: called inside the transaction that commits it, so whatever is
     * asked next for the run is a new request, not the repeat of one cut off by a crash. Channels that journal their
     * requests close them here.
     */
    default void settle(UUID runId) {
    }
}
