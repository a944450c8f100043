package io.rcmos.server.security;

import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import org.springframework.http.HttpStatus;

import java.util.List;

/** 400 {@code validation_failed} naming every field at fault (sign-in, password changes, staff accounts). */
final class RequestInvalid extends ApiProblem {
    RequestInvalid(String detail, List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "validation_failed", detail, problems);
    }
}
