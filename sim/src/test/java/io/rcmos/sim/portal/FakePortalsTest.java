package io.rcmos.sim.portal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.sun.net.httpserver.HttpServer;
import io.rcmos.sim.registry.Registry;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake portals over HTTP: logins, CAPTCHA, both MFA modes, session expiry, and the registry's truth on every page. */
class FakePortalsTest {

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private FakePortals portals;
    private HttpServer server;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        portals = new FakePortals(Registry.bundled(), "key", clock);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", portals::handle);
        server.start();
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String totp(Instant at) throws Exception {
        var gen = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
        return String.format("%06d", gen.generateOneTimePassword(new SecretKeySpec(new Base32().decode(PortalSettings.DEFAULT_TOTP_SECRET),
                gen.getAlgorithm()), at));
    }

    private HttpResponse<String> signIn(String portal) throws Exception {
        HttpResponse<String> mfa = post("/" + portal + "/login", Map.of("username", PortalSettings.DEFAULT_USER, "password", PortalSettings.DEFAULT_PASSWORD));
        assertThat(mfa.body()).contains("Two-step verification").contains("authenticator app");
        return post("/" + portal + "/mfa", Map.of("code", totp(clock.now)));
    }

    private static Map<String, String> search(String member, String dob) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("payer", "UnitedHealthcare");
        f.put("member_id", member);
        f.put("date_of_birth", dob);
        f.put("last_name", "Lee");
        f.put("first_name", "Ann");
        return f;
    }

    @Test
    void wrongPasswordStaysOnLoginWith401() throws Exception {
        HttpResponse<String> r = post("/availity/login", Map.of("username", "rcm-bot", "password", "nope"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("incorrect").contains("<label for=\"f-username\">User ID</label>");
    }

    @Test
    void totpSignsInAndAWrongCodeDoesNot() throws Exception {
        post("/availity/login", Map.of("username", "rcm-bot", "password", PortalSettings.DEFAULT_PASSWORD));
        assertThat(post("/availity/mfa", Map.of("code", "000000")).body()).contains("not valid");
        HttpResponse<String> in = post("/availity/mfa", Map.of("code", totp(clock.now.minusSeconds(30))));
        assertThat(in.body()).contains("Eligibility and Benefits Inquiry").contains("<label for=\"f-payer\">Payer</label>");
    }

    @Test
    void sentModeAcceptsOnlyTheCodeSentOutOfBand() throws Exception {
        portals.settings(new PortalSettings("rcm-bot", PortalSettings.DEFAULT_PASSWORD, PortalSettings.DEFAULT_TOTP_SECRET, "sent", 0, 900, 0, 0, "a"));
        HttpResponse<String> mfa = post("/uhc/login", Map.of("username", "rcm-bot", "password", PortalSettings.DEFAULT_PASSWORD));
        assertThat(mfa.body()).contains("We sent a code");
        assertThat(post("/uhc/mfa", Map.of("code", totp(clock.now))).body()).contains("not valid");
        HttpResponse<String> code = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/portal/_test/last-code")).header("Authorization", "key").build(), HttpResponse.BodyHandlers.ofString());
        String sent = code.body().replaceAll(".*\"code\":\"([0-9]{6})\".*", "$1");
        assertThat(post("/uhc/mfa", Map.of("code", sent)).body()).contains("<a href=\"/uhc/claims\">Claims</a>");
    }

    @Test
    void captchaComesBeforeMfaWhenConfigured() throws Exception {
        portals.settings(new PortalSettings("rcm-bot", PortalSettings.DEFAULT_PASSWORD, PortalSettings.DEFAULT_TOTP_SECRET, "totp", 1, 900, 0, 0, "a"));
        HttpResponse<String> r = post("/availity/login", Map.of("username", "rcm-bot", "password", PortalSettings.DEFAULT_PASSWORD));
        assertThat(r.body()).contains("Verify you are human").contains("aria-label=CAPTCHA");
        String again = get("/availity/mfa").body();
        assertThat(again).as("MFA cannot be skipped to").contains("Verify you are human");
        assertThat(post("/availity/captcha", Map.of("captcha", "WRONG1")).body()).contains("did not match");
        String latest = get("/availity/captcha").body(); // every showing draws a new challenge
        String text = latest.replaceAll("(?s).*<text[^>]*>([A-Z0-9]{6})</text>.*", "$1");
        assertThat(post("/availity/captcha", Map.of("captcha", text)).body()).contains("Two-step verification");
    }

    @Test
    void anIdleSessionExpiresBackToLogin() throws Exception {
        signIn("availity");
        clock.now = clock.now.plusSeconds(901);
        HttpResponse<String> r = get("/availity/eligibility");
        assertThat(r.body()).contains("Your session has expired").contains("User ID");
    }

    @Test
    void benefitsShowTheRegistrysNumbers() throws Exception {
        signIn("availity");
        HttpResponse<String> r = post("/availity/eligibility", search("RCMACTIVE01", "04/12/1985"));
        assertThat(r.body()).contains("<h1>Eligibility and Benefits</h1>").contains(">Active</dd>").contains(">Choice Plus PPO</dd>")
                .contains(">GRP-55021</dd>").contains("<caption>Benefits</caption>")
                .contains("<td>Office Visit</td><td>In Network</td><td>Individual</td><td>$30.00</td>")
                .contains("<td>20%</td><td>$2,000.00</td><td>$750.50</td>");
        assertThat(post("/availity/eligibility", search("RCMACTIVE01", "01/01/1999")).body()).as("birth date must match").contains("No results found");
        assertThat(post("/availity/eligibility", search("SIM12345678", "01/01/1990")).body()).contains("No results found");
        assertThat(post("/availity/eligibility", search("SIM12345677", "01/01/1990")).body()).contains(">Inactive</dd>");
    }

    @Test
    void payerOutageOnceThenTheAnswer() throws Exception {
        signIn("availity");
        assertThat(post("/availity/eligibility", search("SIM22222229", "01/01/1990")).body()).contains("temporarily unavailable")
                .contains("Member ID");
        assertThat(post("/availity/eligibility", search("SIM22222229", "01/01/1990")).body()).contains(">Active</dd>");
    }

    @Test
    void claimsTableAndLineDetailsComeFromTheRegistry() throws Exception {
        signIn("uhc");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("member_id", "RCMACTIVE01");
        f.put("date_of_birth", "04/12/1985");
        f.put("from", "10/01/2026");
        f.put("to", "10/31/2026");
        f.put("account", "");
        HttpResponse<String> r = post("/uhc/claims", f);
        assertThat(r.body()).contains("<caption>Claims</caption>").contains("PCN-PAID-1").contains("EFT00012345").contains(">Paid<");
        String claimNumber = r.body().replaceAll("(?s).*href=\"/uhc/claims/([^\"]+)\">Details.*", "$1");
        assertThat(get("/uhc/claims/" + claimNumber).body()).contains("<caption>Service lines</caption>").contains("Back to claims");
        f.put("member_id", "SIM00000009");
        f.put("date_of_birth", "01/01/1990");
        assertThat(post("/uhc/claims", f).body()).contains("No claims found");
    }

    @Test
    void layoutBKeepsLabelsButMovesFieldsAndRenamesIds() throws Exception {
        portals.settings(new PortalSettings("rcm-bot", PortalSettings.DEFAULT_PASSWORD, PortalSettings.DEFAULT_TOTP_SECRET, "totp", 0, 900, 0, 0, "b"));
        String page = get("/availity/login").body();
        assertThat(page).contains("<label for=\"b-username\">User ID</label>").doesNotContain("f-username").contains("wrap-b");
        assertThat(page.indexOf("Password")).as("fields in another order").isLessThan(page.indexOf("User ID</label>"));
    }

    @Test
    void valuesAreEscaped() throws Exception {
        signIn("availity");
        Map<String, String> f = search("SIM12345670", "01/01/1990");
        f.put("first_name", "<script>alert(1)</script>");
        String body = post("/availity/eligibility", f).body();
        assertThat(body).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    }

    @Test
    void controlEndpointsNeedTheSimulatorKey() throws Exception {
        assertThat(get("/portal/_config").statusCode()).isEqualTo(401);
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/portal/_config")).header("Authorization", "key").POST(HttpRequest.BodyPublishers.ofString("{\"mfa\":\"sent\",\"layout\":\"b\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(portals.settings().mfa()).isEqualTo("sent");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/portal/_config")).header("Authorization", "key").POST(HttpRequest.BodyPublishers.ofString("{\"mfa\":\"sms\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("mfa must be totp or sent");
    }
}
