package io.rcmos.server.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem+json bodies; the one place that knows their shape. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    public static Map<String, Object> body(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://rcmos.io/problems/" + code.replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("code", code);
        body.put("detail", detail);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    public static ResponseEntity<Object> response(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(body(status, code, detail, errors));
    }

    public static ResponseEntity<Object> response(ApiProblem problem) {
        return response(problem.status(), problem.code(), problem.getMessage(), problem.errors());
    }
}
