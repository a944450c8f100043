package io.rcmos.agent.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rcmos.agent.secrets.Totp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny server-rendered portal for executor tests: login, TOTP or "sent" MFA, a search that fails once, a claims table. */
final class MiniPortal implements AutoCloseable {

    static final String USER = "rcm-bot";
    static final String PASSWORD = "pw-Secret-9";
    static final String SENT_CODE = "424242";
    static final Totp TOTP = Totp.base32("JBSWY3DPEHPK3PXP");

    private final HttpServer server;
    final AtomicBoolean sentMode = new AtomicBoolean();
    final AtomicInteger failSearches = new AtomicInteger();
    private final Map<String, String> lastMember = new ConcurrentHashMap<>();

    MiniPortal() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String sid = cookie(ex);
            boolean post = "POST".equals(ex.getRequestMethod());
            switch (path) {
                case "/login" -> {
                    if (post && USER.equals(form.get("user")) && PASSWORD.equals(form.get("password"))) {
                        ex.getResponseHeaders().add("Set-Cookie", "sid=s" + System.nanoTime() + "; HttpOnly; Path=/");
                        redirect(ex, "/mfa");
                    } else {
                        page(ex, "<h1>Sign in</h1><form method=post action=/login><label for=u>User ID</label><input id=u name=user>"
                                + "<label for=p>Password</label><input id=p name=password type=password><button>Sign in</button></form>");
                    }
                }
                case "/mfa" -> {
                    if (post) {
                        String code = form.getOrDefault("code", "");
                        boolean ok = sentMode.get() ? SENT_CODE.equals(code)
                                : code.equals(TOTP.code(Instant.now())) || code.equals(TOTP.code(Instant.now().minusSeconds(30)))
                                || code.equals(TOTP.code(Instant.now().plusSeconds(30)));
                        redirect(ex, ok ? "/search" : "/mfa");
                    } else {
                        page(ex, "<h1>Two-step verification</h1><p>" + (sentMode.get() ? "We sent a code to ***-1234."
                                : "Enter the code from your authenticator app.") + "</p><form method=post action=/mfa>"
                                + "<label for=c>Verification code</label><input id=c name=code><button>Verify</button></form>");
                    }
                }
                case "/search" -> {
                    String searchForm = "<form method=post action=/search><label for=m>Member ID</label><input id=m name=member>"
                            + "<label for=d>Date of Birth</label><input id=d name=dob><button>Search</button></form>";
                    if (!post) {
                        page(ex, "<h1>Search</h1>" + searchForm);
                    } else if (failSearches.getAndDecrement() > 0) {
                        page(ex, "<h1>Search</h1><p>Service temporarily unavailable, try again.</p>" + searchForm);
                    } else {
                        lastMember.put(sid, form.getOrDefault("member", ""));
                        results(ex, sid);
                    }
                }
                case "/results" -> results(ex, sid);
                default -> {
                    if (path.startsWith("/claim/")) {
                        page(ex, "<h1>Claim " + path.substring(7) + "</h1><p data-testid=detail>Paid in full to "
                                + lastMember.get(sid) + "</p><a href=/results>Back</a>");
                    } else {
                        ex.sendResponseHeaders(404, -1);
                    }
                }
            }
        }
    }

    private void results(HttpExchange ex, String sid) throws IOException {
        String member = lastMember.getOrDefault(sid, "");
        if (member.equals("M404")) {
            page(ex, "<h1>Results</h1><p>No results found.</p>");
            return;
        }
        page(ex, "<h1>Results</h1><p>Member " + member + " <span data-testid=status>Active</span></p>"
                + "<table aria-label=Claims><thead><tr><th>Claim</th><th>Paid</th><th>Copay</th><th></th></tr></thead><tbody>"
                + "<tr><td>C-1</td><td>$1,234.50</td><td>$25.00</td><td><a href=/claim/C-1>Details</a></td></tr>"
                + "<tr><td>C-2</td><td>$0.00</td><td>$30.00</td><td><a href=/claim/C-2>Details</a></td></tr></tbody></table>");
    }

    private static String cookie(HttpExchange ex) {
        String c = ex.getRequestHeaders().getFirst("Cookie");
        return c == null ? "" : c;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void redirect(HttpExchange ex, String to) throws IOException {
        ex.getResponseHeaders().add("Location", to);
        ex.sendResponseHeaders(303, -1);
    }

    private static void page(HttpExchange ex, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><title>Mini</title></head><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
