package io.rcmos.server.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * Base of every error a module raises on purpose. Subclasses are named for what went wrong
 * ({@code RunNotFound}, {@code RequestInvalid}); the edge turns them into problem+json with their stable
 * {@link #code()}. Messages never contain PHI or secrets: they name fields, not values.
 */
public abstract class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldProblem> errors;

    protected ApiProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    protected ApiProblem(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
