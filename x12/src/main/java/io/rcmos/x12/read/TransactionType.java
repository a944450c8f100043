package io.rcmos.x12.read;

import java.util.List;

/** What an interchange carries, found without reading it into a model (for tools that pick a reader by it). */
public final class TransactionType {

    private TransactionType() {
    }

    /**
     * ST01 of the first transaction set (e.g. {@code 271}), {@code TA1} for a bare interchange acknowledgement, or null
     * when the input holds neither. Never throws.
     */
    public static String of(byte[] x12) {
        List<Segment> segments = X12Tokens.read(x12).segments();
        return segments.stream().filter(s -> s.tag().equals("ST")).map(s -> s.get(1)).findFirst()
                .orElse(segments.stream().anyMatch(s -> s.tag().equals("TA1")) ? "TA1" : null);
    }
}
