package io.rcmos.server.runs;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Run statuses (a contract: see architecture.md). */
public enum RunStatus {
    QUEUED, RUNNING, WAITING_FOR_HUMAN, SUCCEEDED, FAILED, CANCELED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    public static RunStatus fromWire(String value) {
        return RunStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
