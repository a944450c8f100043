package io.rcmos.server.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/** A query parameter, path variable or header the client got wrong: 400 naming it. */
public final class InvalidParameter extends ApiProblem {

    public InvalidParameter(String name, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid_parameter", "parameter '" + name + "' " + message,
                List.of(FieldProblem.of(name, message)));
    }

    /** Every problem of a request at once; {@code detail} names them all, {@code errors} lists them. */
    public InvalidParameter(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "invalid_parameter", FieldProblem.summary("request is invalid", problems), problems);
    }

    /** Throws with every problem when there is any. */
    public static void throwIfAny(List<FieldProblem> problems) {
        if (problems.size() == 1) {
            throw new InvalidParameter(problems.get(0).field(), problems.get(0).message());
        }
        if (!problems.isEmpty()) {
            throw new InvalidParameter(problems);
        }
    }

    /** Parses a UUID parameter or throws naming it. */
    public static java.util.UUID uuid(String name, String value) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidParameter(name, "is not a UUID");
        }
    }
}
