package io.rcmos.server.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * JSON bodies larger than {@code rcm.runs.max-body-bytes} are refused with 413 before anything reads them.
 * File uploads (CSV/NDJSON, multipart) stream and are bounded elsewhere.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final JsonMapper mapper = JsonMapper.builder().build();

    BodySizeLimitFilter(@Value("${rcm.runs.max-body-bytes:65536}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        boolean json = type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json")
                && !type.toLowerCase(java.util.Locale.ROOT).contains("ndjson");
        if (json && request.getContentLengthLong() > maxBytes) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(Problems.PROBLEM_JSON.toString());
            mapper.writeValue(response.getOutputStream(), Problems.body(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                    "JSON body is larger than " + maxBytes + " bytes", List.of()));
            return;
        }
        chain.doFilter(request, response);
    }
}
