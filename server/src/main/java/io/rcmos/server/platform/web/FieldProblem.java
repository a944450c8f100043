package io.rcmos.server.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One field-level problem of a request, row or file: {@code field} is a dotted path
 * ({@code input.subscriber.date_of_birth}); {@code row}/{@code line}/{@code column} locate it in uploaded files.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String message, Long row, Long line, Integer column) {

    public static FieldProblem of(String field, String message) {
        return new FieldProblem(field, message, null, null, null);
    }
}
