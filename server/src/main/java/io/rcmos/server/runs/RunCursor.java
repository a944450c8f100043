package io.rcmos.server.runs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Opaque keyset cursor of {@code GET /runs}: the (created_at, run_id) of the last row of the previous page. */
record RunCursor(Instant createdAt, UUID runId) {

    String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + ":" + runId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<RunCursor> decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            String[] time = raw.substring(0, colon).split("\\.");
            return Optional.of(new RunCursor(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
                    UUID.fromString(raw.substring(colon + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
