package io.rcmos.server.security;

import io.rcmos.server.platform.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/** 401 and 403 as problem+json, like every other error. */
final class ProblemAuthHandlers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAuthHandlers() {
    }

    static AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> write(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                "authentication required: a console session or an API token");
    }

    static AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, "forbidden",
                "your role may not do this");
    }

    private static void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        JSON.writeValue(response.getOutputStream(), Problems.body(status, code, detail, List.of()));
    }
}
