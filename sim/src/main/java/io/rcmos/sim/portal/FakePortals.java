package io.rcmos.sim.portal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.rcmos.sim.registry.Registry;
import org.apache.commons.codec.binary.Base32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two fake payer portals served by the simulator, telling the same truth as its Stedi endpoints (one registry): an
 * Availity-like eligibility portal under {@code /availity} and a UnitedHealthcare-like claim status portal under
 * {@code /uhc}. Both log in like the real ones (user and password, an optional CAPTCHA, two-step verification by
 * authenticator app or by a code sent out of band), keep an idle-expiring session cookie, and can be slowed down,
 * made to fail, or switched to a second layout through {@code /portal/_config}. Nothing about members is logged.
 */
public final class FakePortals {

    private static final Logger log = LoggerFactory.getLogger(FakePortals.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
    static final String COOKIE = "portal_session";

    private final AtomicReference<PortalSettings> settings = new AtomicReference<>(PortalSettings.defaults());
    private final Sessions sessions;
    private final Clock clock;
    private final String apiKey;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();
    private final AvailityPages availity;
    private final UhcPages uhc;
    private volatile String lastSentCode;
    private volatile String lastCaptcha;

    public FakePortals(Registry registry, String apiKey, Clock clock) {
        this.clock = clock;
        this.apiKey = apiKey;
        this.sessions = new Sessions(clock);
        this.availity = new AvailityPages(registry);
        this.uhc = new UhcPages(registry);
    }

    public PortalSettings settings() {
        return settings.get();
    }

    public void settings(PortalSettings s) {
        settings.set(s);
    }

    /** One portal's identity: its path, labels and the page a signed-in visitor lands on. */
    record Portal(String name, String title, String userLabel, String signIn, String home) {
    }

    static final Portal AVAILITY = new Portal("availity", "Availity Essentials", "User ID", "Sign in", "/availity/eligibility");
    static final Portal UHC = new Portal("uhc", "UnitedHealthcare Provider Portal", "Username", "Sign In", "/uhc/home");

    /** Request, as the page classes see it. */
    record Request(String method, String path, Map<String, String> form, Map<String, String> query, Sessions.Session session,
                   PortalSettings settings) {
        boolean post() {
            return "POST".equals(method);
        }
    }

    /** What a page answers: a status and HTML, or a redirect. */
    record Response(int status, String html, String location) {
        static Response ok(String html) {
            return new Response(200, html, null);
        }

        static Response redirect(String to) {
            return new Response(303, null, to);
        }
    }

    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            PortalSettings s = settings.get();
            if (s.latencyMillis() > 0) {
                Thread.sleep(s.latencyMillis());
            }
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/portal/")) {
                control(ex, path);
                return;
            }
            Portal portal = path.startsWith("/availity") ? AVAILITY : path.startsWith("/uhc") ? UHC : null;
            if (portal == null) {
                send(ex, new Response(404, Html.page("Portal", "Not found", Html.message("Page not found."), false), null), null);
                return;
            }
            if (s.errorEvery() > 0 && pages.incrementAndGet() % s.errorEvery() == 0) {
                send(ex, new Response(500, Html.page(portal.title(), "Error", "<h1>Something went wrong</h1>"
                        + Html.message("We are unable to process your request right now. Please try again."), s.layoutB()), null), null);
                return;
            }
            Map<String, String> form = "POST".equals(ex.getRequestMethod())
                    ? parse(new String(ex.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8)) : Map.of();
            Map<String, String> query = parse(ex.getRequestURI().getRawQuery());
            Sessions.Lookup lookup = sessions.find(cookie(ex), portal.name(), s.sessionIdleSeconds());
            Response r = route(portal, new Request(ex.getRequestMethod(), path, form, query, lookup.session(), s), lookup.expired(), ex);
            send(ex, r, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("portal page error {}", e.getClass().getSimpleName());
            send(ex, new Response(500, Html.page("Portal", "Error", Html.message("Unexpected error."), false), null), null);
        }
    }

    private Response route(Portal portal, Request r, boolean expired, HttpExchange ex) {
        String sub = r.path().substring(portal.name().length() + 1);
        if (sub.isEmpty() || sub.equals("/") || sub.equals("/login")) {
            return login(portal, r, expired, ex);
        }
        if (r.session() == null) {
            return Response.redirect("/" + portal.name() + "/login" + (expired ? "?expired=1" : ""));
        }
        if (sub.equals("/captcha")) {
            return captcha(portal, r);
        }
        if (sub.equals("/mfa")) {
            return mfa(portal, r);
        }
        if (r.session().stage != Sessions.Stage.IN) {
            return Response.redirect("/" + portal.name() + "/login");
        }
        if (sub.equals("/logout")) {
            r.session().stage = Sessions.Stage.CAPTCHA;
            return Response.redirect("/" + portal.name() + "/login");
        }
        return portal == AVAILITY ? availity.page(sub, r) : uhc.page(sub, r);
    }

    private Response login(Portal portal, Request r, boolean expired, HttpExchange ex) {
        PortalSettings s = r.settings();
        if (r.session() != null && r.session().stage == Sessions.Stage.IN && !r.post()) {
            return Response.redirect(portal.home());
        }
        String message = "";
        if (r.post()) {
            if (s.username().equals(r.form().get("username")) && s.password().equals(r.form().get("password"))) {
                int n = logins.incrementAndGet();
                boolean captcha = s.captchaEvery() > 0 && n % s.captchaEvery() == 0;
                Sessions.Session session = sessions.open(portal.name(), captcha ? Sessions.Stage.CAPTCHA : Sessions.Stage.MFA);
                ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session.id + "; Path=/" + portal.name() + "; HttpOnly; SameSite=Lax");
                return Response.redirect("/" + portal.name() + (captcha ? "/captcha" : "/mfa"));
            }
            message = Html.message("The user ID or password you entered is incorrect.");
        } else if (expired || "1".equals(r.query().get("expired"))) {
            message = Html.message("Your session has expired. Please sign in again.");
        }
        String body = "<h1>Sign in to " + Html.esc(portal.title()) + "</h1>" + message
                + Html.form("/" + portal.name() + "/login", portal.signIn(), s.layoutB(),
                Html.field(portal.userLabel(), "username", "text", null, s.layoutB()),
                Html.field("Password", "password", "password", null, s.layoutB()));
        return new Response(r.post() ? 401 : 200, Html.page(portal.title(), "Sign in", body, s.layoutB()), null);
    }

    private Response captcha(Portal portal, Request r) {
        Sessions.Session session = r.session();
        if (session.stage != Sessions.Stage.CAPTCHA) {
            return Response.redirect("/" + portal.name() + "/mfa");
        }
        if (r.post() && session.challenge != null && session.challenge.equalsIgnoreCase(r.form().getOrDefault("captcha", "").strip())) {
            session.stage = Sessions.Stage.MFA;
            session.challenge = null;
            return Response.redirect("/" + portal.name() + "/mfa");
        }
        session.challenge = Sessions.random("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6);
        lastCaptcha = session.challenge;
        String svg = "<svg role=img aria-label=CAPTCHA width=180 height=50 xmlns='http://www.w3.org/2000/svg'><rect width=180 height=50 fill='#eee'/>"
                + "<text x=18 y=34 font-size=28 font-family=monospace transform='skewX(-12)'>" + Html.esc(session.challenge) + "</text></svg>";
        String body = "<h1>Verify you are human</h1>" + (r.post() ? Html.message("The characters did not match. Try again.") : "")
                + svg + Html.form("/" + portal.name() + "/captcha", "Continue", r.settings().layoutB(),
                Html.field("Characters shown", "captcha", "text", null, r.settings().layoutB()));
        return Response.ok(Html.page(portal.title(), "Verify", body, r.settings().layoutB()));
    }

    private Response mfa(Portal portal, Request r) {
        Sessions.Session session = r.session();
        PortalSettings s = r.settings();
        if (session.stage == Sessions.Stage.CAPTCHA) {
            return Response.redirect("/" + portal.name() + "/captcha");
        }
        if (session.stage == Sessions.Stage.IN) {
            return Response.redirect(portal.home());
        }
        boolean sent = "sent".equals(s.mfa());
        if (r.post()) {
            String code = r.form().getOrDefault("code", "").strip();
            boolean ok = sent ? code.equals(session.challenge) : totpValid(s.totpSecret(), code);
            if (ok) {
                session.stage = Sessions.Stage.IN;
                session.challenge = null;
                return Response.redirect(portal.home());
            }
        } else if (sent && session.challenge == null) {
            session.challenge = Sessions.random("0123456789", 6);
            lastSentCode = session.challenge;
        }
        String body = "<h1>Two-step verification</h1>" + (r.post() ? Html.message("That code is not valid. Try again.") : "")
                + "<p>" + (sent ? "We sent a code to the phone number ending in ***-***-1234. Enter it below."
                : "Enter the 6-digit code from your authenticator app.") + "</p>"
                + Html.form("/" + portal.name() + "/mfa", "Verify", s.layoutB(), Html.field("Verification code", "code", "text", null, s.layoutB()));
        return Response.ok(Html.page(portal.title(), "Two-step verification", body, s.layoutB()));
    }

    private boolean totpValid(String secret, String code) {
        if (code.length() != 6) {
            return false;
        }
        try {
            SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret), TOTP.getAlgorithm());
            Instant now = clock.instant();
            for (int step = -1; step <= 1; step++) {
                if (String.format("%06d", TOTP.generateOneTimePassword(key, now.plusSeconds(30L * step))).equals(code)) {
                    return true;
                }
            }
            return false;
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    /** {@code /portal/_config} (GET, POST JSON) and {@code /portal/_test/last-code|last-captcha}, behind the simulator key. */
    private void control(HttpExchange ex, String path) throws IOException {
        String key = ex.getRequestHeaders().getFirst("Authorization");
        if (key == null || !java.security.MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
            json(ex, 401, "{\"message\":\"Unauthorized\"}");
            return;
        }
        switch (path) {
            case "/portal/_config" -> {
                if ("POST".equals(ex.getRequestMethod())) {
                    try {
                        JsonNode patch = JSON.readTree(ex.getRequestBody().readNBytes(64 * 1024));
                        PortalSettings c = settings.get();
                        settings.set(new PortalSettings(patch.path("username").asString(c.username()), patch.path("password").asString(c.password()),
                                patch.path("totp_secret").asString(c.totpSecret()), patch.path("mfa").asString(c.mfa()),
                                patch.path("captcha_every").asInt(c.captchaEvery()), patch.path("session_idle_seconds").asInt(c.sessionIdleSeconds()),
                                patch.path("latency_ms").asLong(c.latencyMillis()), patch.path("error_every").asInt(c.errorEvery()),
                                patch.path("layout").asString(c.layout())));
                    } catch (JacksonException | IllegalArgumentException e) {
                        json(ex, 400, "{\"message\":" + JSON.writeValueAsString(e instanceof IllegalArgumentException ? e.getMessage() : "not JSON") + "}");
                        return;
                    }
                }
                PortalSettings c = settings.get();
                Map<String, Object> out = new HashMap<>();
                out.put("mfa", c.mfa());
                out.put("captcha_every", c.captchaEvery());
                out.put("session_idle_seconds", c.sessionIdleSeconds());
                out.put("latency_ms", c.latencyMillis());
                out.put("error_every", c.errorEvery());
                out.put("layout", c.layout());
                json(ex, 200, JSON.writeValueAsString(out));
            }
            case "/portal/_test/last-code" -> json(ex, 200, JSON.writeValueAsString(Map.of("code", lastSentCode == null ? "" : lastSentCode)));
            case "/portal/_test/last-captcha" -> json(ex, 200, JSON.writeValueAsString(Map.of("text", lastCaptcha == null ? "" : lastCaptcha)));
            default -> json(ex, 404, "{\"message\":\"Not Found\"}");
        }
    }

    private static String cookie(HttpExchange ex) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(COOKIE + "=")) {
                    return p.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException ignored) {
                    // a malformed pair is dropped, like a browser-facing server would
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, Response r, String unused) throws IOException {
        if (r.location() != null) {
            ex.getResponseHeaders().add("Location", r.location());
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        byte[] bytes = r.html().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
