package io.rcmos.server.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The ops console (the {@code console} module's build, packed under {@code classpath:/static/}) shares its paths with the
 * API: a browser navigating to {@code /runs/…} (it asks for {@code text/html}) gets the console's {@code index.html},
 * whose router shows the page; the console's own fetches ask for JSON and reach the API. Assets are served by Spring's
 * static resources ({@code /assets/*}, hashed names, cached for a year). The page carries a strict Content Security
 * Policy: only this origin's scripts, no inline scripts, no framing by others.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ConsolePages extends OncePerRequestFilter {

    /** The console's routes (its router has the same list). */
    static final Pattern ROUTES = Pattern.compile(
            "^/(|login|account|inbox(/[^/]+)?|runs(/new|/[^/]+)?|batches(/[^/]+)?|metrics|admin(/[a-z-]+)?)/?$");

    static final String CSP = String.join("; ",
            "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
            "font-src 'self' data:", "connect-src 'self'", "frame-src 'self'", "object-src 'none'", "base-uri 'self'",
            "form-action 'self'", "frame-ancestors 'none'");

    private final byte[] index;

    public ConsolePages() {
        ClassPathResource resource = new ClassPathResource("static/index.html");
        if (!resource.exists()) {
            this.index = null; // a server built without the console (a module test run): the API alone
            return;
        }
        try (InputStream in = resource.getInputStream()) {
            this.index = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's index.html", e);
        }
    }

    /** True when the console is packed into this build. */
    public boolean present() {
        return index != null;
    }

    static boolean isNavigation(HttpServletRequest request) {
        if ("navigate".equals(request.getHeader("Sec-Fetch-Mode"))) {
            return true;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return index == null || !("GET".equals(method) || "HEAD".equals(method))
                || !ROUTES.matcher(request.getRequestURI()).matches()
                || !(isNavigation(request) || "/".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Vary", "Accept, Sec-Fetch-Mode");
        response.setContentLength(index.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(index);
        }
    }
}
