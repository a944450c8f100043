package io.rcmos.server.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every request body is bounded, whatever its content type, before anything reads it (Spring Security, the
 * webhook's signature check, a controller):
 * <ul>
 *   <li>batch uploads ({@code POST /batches}, {@code POST /batches/preview}): {@code rcm.limits.upload-bytes};</li>
 *   <li>clearinghouse webhooks ({@code POST /webhooks/**}, public): {@code rcm.limits.webhook-body-bytes};</li>
 *   <li>everything else: {@code rcm.limits.body-bytes}.</li>
 * </ul>
 * A Content-Length above the limit is refused at once with 413 (the body is never read); a chunked body (or one longer
 * than it said) is counted as it is read and fails with {@link BodyTooLarge} the moment it passes the limit, which the
 * error edge answers with the same 413. Multipart bodies are parsed only by the upload endpoints: anywhere else they
 * are refused with 415 before any parser sees them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class BodySizeLimitFilter extends OncePerRequestFilter {

    /** The endpoints that take files: the only ones with the upload limit and the only ones that parse multipart. */
    static final Set<String> UPLOAD_PATHS = Set.of("/batches", "/batches/preview");

    private final long bodyBytes;
    private final long webhookBytes;
    private final long uploadBytes;
    private final JsonMapper mapper = JsonMapper.builder().build();

    BodySizeLimitFilter(@Value("${rcm.limits.body-bytes:65536}") long bodyBytes,
                        @Value("${rcm.limits.webhook-body-bytes:262144}") long webhookBytes,
                        @Value("${rcm.limits.upload-bytes:52428800}") long uploadBytes) {
        this.bodyBytes = bodyBytes;
        this.webhookBytes = webhookBytes;
        this.uploadBytes = uploadBytes;
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static boolean isUpload(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && UPLOAD_PATHS.contains(path(request));
    }

    long limitOf(HttpServletRequest request) {
        if (isUpload(request)) {
            return uploadBytes;
        }
        return path(request).startsWith("/webhooks/") ? webhookBytes : bodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") && !isUpload(request)) {
            write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart_not_accepted",
                    "multipart bodies are taken only by the file uploads (POST /batches, POST /batches/preview)",
                    List.of(FieldProblem.of("Content-Type", "must not be multipart here"))));
            return;
        }
        long limit = limitOf(request);
        if (request.getContentLengthLong() > limit) {
            write(response, HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit));
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    /** The 413 body: the limit named in the detail, as a field problem and as a number. */
    static Map<String, Object> tooLarge(long limit) {
        Map<String, Object> body = Problems.body(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                "request body is larger than this endpoint's limit of " + limit + " bytes",
                List.of(FieldProblem.of("(body)", "must be at most " + limit + " bytes")));
        body.put("limit_bytes", limit);
        return body;
    }

    private void write(HttpServletResponse response, HttpStatus status, Map<String, Object> body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        mapper.writeValue(response.getOutputStream(), body);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        count += n;
                        if (count > max) {
                            throw new BodyTooLarge(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }
}
