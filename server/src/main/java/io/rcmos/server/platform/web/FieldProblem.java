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

    /**
     * A one-line {@code detail} naming every problem ({@code "request is invalid: input.provider.npi is not a valid NPI
     * (check digit); input.subscriber.date_of_birth is not a valid date"}), the first five in full, then how many more.
     */
    public static String summary(String lead, java.util.List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return lead;
        }
        StringBuilder out = new StringBuilder(lead).append(": ");
        int shown = Math.min(5, problems.size());
        for (int i = 0; i < shown; i++) {
            FieldProblem p = problems.get(i);
            out.append(i == 0 ? "" : "; ").append(p.field() == null ? "" : p.field() + " ").append(p.message());
        }
        if (problems.size() > shown) {
            out.append("; and ").append(problems.size() - shown).append(" more");
        }
        return out.toString();
    }
}
