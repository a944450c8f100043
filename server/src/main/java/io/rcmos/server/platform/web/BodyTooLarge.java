package io.rcmos.server.platform.web;

import java.io.IOException;

/**
 * A request body grew past its endpoint's limit while it was read (chunked bodies, or a Content-Length that lied).
 * Raised by the counting stream of {@link BodySizeLimitFilter}; the error edge answers 413 naming the limit.
 */
public final class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The limit of the first {@link BodyTooLarge} in a cause chain, or -1 when there is none. */
    public static long in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLarge b) {
                return b.limit;
            }
        }
        return -1;
    }
}
