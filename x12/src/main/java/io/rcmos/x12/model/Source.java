package io.rcmos.x12.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which channel produced a result. {@code DEMO} marks the embedded stand-in channel, which never runs in a
 * production configuration.
 */
public enum Source {
    CLEARINGHOUSE, PORTAL, HUMAN, DEMO;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
