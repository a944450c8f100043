package io.rcmos.server.channels;

import io.rcmos.server.payers.PayerConfig;

/**
 * Where a channel's calls for one payer and purpose go, for governance and maintenance windows: the payer config's
 * channel name ({@code clearinghouse} or {@code portal:<name>}), the credential it signs in with (a portal login used
 * by one run at a time; null for the clearinghouse's API key) and its rate limit.
 */
public record Lane(String channel, String credential, PayerConfig.RateLimit rateLimit) {

    /** The token bucket's key: payer × channel × credential. */
    public String bucketKey(String payerId) {
        return payerId + "|" + channel + "|" + (credential == null ? "-" : credential);
    }
}
