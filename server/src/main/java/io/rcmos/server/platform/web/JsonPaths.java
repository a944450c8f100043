package io.rcmos.server.platform.web;

import tools.jackson.databind.DatabindException;

import java.util.List;

/** Renders Jackson reference paths and Java property paths as the dotted snake_case field names clients send. */
public final class JsonPaths {

    private JsonPaths() {
    }

    public static String of(List<DatabindException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (DatabindException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "(body)" : out.toString();
    }

    /** {@code input.subscriber.dateOfBirth} → {@code input.subscriber.date_of_birth}. */
    public static String snake(String javaPath) {
        return javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
