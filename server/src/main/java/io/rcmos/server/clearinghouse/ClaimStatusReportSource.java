package io.rcmos.server.clearinghouse;

/**
 * Where the inbound side gets the 277 a webhook announces: implemented by the outbound side (which holds the Stedi
 * client and mappers), so that inbound and outbound know only this shared contract of each other.
 */
public interface ClaimStatusReportSource {

    /** The report of {@code transactionId} (a validated transaction id), read into claims. */
    ClaimStatusReport fetch(String transactionId) throws Unavailable;

    /** Why a report could not be had; the delivery is then refused so that Stedi delivers it again later. */
    final class Unavailable extends Exception {
        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }
}
