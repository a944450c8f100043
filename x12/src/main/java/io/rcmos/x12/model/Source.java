package io.rcmos.x12.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which channel produced a result. */
public enum Source {
    CLEARINGHOUSE, PORTAL, HUMAN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
