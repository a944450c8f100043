package io.rcmos.x12.write;

import java.time.LocalDateTime;

/**
 * The interchange and group envelope of one outgoing transaction. Ids are padded into ISA's fixed widths by the
 * writer; {@code usage} is ISA15 ({@code T} test, {@code P} production). Control numbers come from the caller (the
 * server allocates them per trading partner in PostgreSQL) so they are never reused.
 */
public record Envelope(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                       char usage, long interchangeControl, long groupControl, long transactionControl,
                       LocalDateTime created) {

    public Envelope {
        if (senderId == null || senderId.isBlank() || senderId.length() > 15) {
            throw new IllegalArgumentException("sender id must be 1–15 characters");
        }
        if (receiverId == null || receiverId.isBlank() || receiverId.length() > 15) {
            throw new IllegalArgumentException("receiver id must be 1–15 characters");
        }
        if (usage != 'T' && usage != 'P') {
            throw new IllegalArgumentException("usage must be T or P");
        }
        if (interchangeControl < 1 || interchangeControl > 999_999_999) {
            throw new IllegalArgumentException("interchange control number must be 1–999999999");
        }
    }
}
