package io.rcmos.server.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/** A query parameter, path variable or header the client got wrong: 400 naming it. */
public final class InvalidParameter extends ApiProblem {

    public InvalidParameter(String name, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid_parameter", "parameter '" + name + "' " + message,
                List.of(FieldProblem.of(name, message)));
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
