package io.rcmos.server.security;

import io.rcmos.server.platform.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/** 401, 403 and sign-in throttling's 429 as problem+json, like every other error. */
final class ProblemAuthHandlers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAuthHandlers() {
    }

    static AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            if (e instanceof StaffAuthenticationProvider.Throttled throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.refusal.retryAfterSeconds()));
                write(response, HttpStatus.TOO_MANY_REQUESTS, AuthController.refused(throttled.refusal).getBody());
                return;
            }
            if (isEvidenceLinkOpenedInABrowser(request)) {
                // a link from a results file, opened by a person who is not signed in: sign in, then come back
                response.sendRedirect("/login?next=" + java.net.URLEncoder.encode(request.getRequestURI(), java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            write(response, HttpStatus.UNAUTHORIZED, Problems.body(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "authentication required: a console session or an API token", List.of()));
        };
    }

    private static boolean isEvidenceLinkOpenedInABrowser(jakarta.servlet.http.HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && request.getRequestURI().matches("^/artifacts/[0-9a-fA-F-]{36}$")
                && accept != null && accept.contains("text/html") && request.getHeader("Authorization") == null;
    }

    static AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, Problems.body(HttpStatus.FORBIDDEN, "forbidden",
                "your role may not do this", List.of()));
    }

    private static void write(HttpServletResponse response, HttpStatus status, Object body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        JSON.writeValue(response.getOutputStream(), body);
    }
}
