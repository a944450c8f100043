package io.rcmos.agent.evidence;

import com.sun.net.httpserver.HttpServer;
import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A real Chromium posts a login form and sees a member page: the raw capture holds the secrets, the scrubbed one none. */
class CaptureIT {

    private static final String PASSWORD = "S3cret-pass!";
    private static final String MEMBER = "SIM12345670";
    private static HttpServer site;
    private static BrowserWorkers workers;

    @BeforeAll
    static void start() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/card.png", ex -> {
            try (ex) {
                byte[] png = picture();
                ex.getResponseHeaders().add("Content-Type", "image/png");
                ex.sendResponseHeaders(200, png.length);
                ex.getResponseBody().write(png);
            }
        });
        site.createContext("/", ex -> {
            try (ex) {
                String body;
                if ("POST".equals(ex.getRequestMethod())) {
                    ex.getRequestBody().readAllBytes();
                    ex.getResponseHeaders().add("Set-Cookie", "session=abc123secretcookie; HttpOnly");
                    body = "<h1>Member " + MEMBER + "</h1><p>Born 01/31/1980</p><img alt=card src=/card.png>";
                } else {
                    body = "<form method=post><label for=u>User ID</label><input id=u name=user>"
                            + "<label for=p>Password</label><input id=p name=password type=password><button>Sign in</button></form>";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        site.start();
        workers = new BrowserWorkers(BrowserSettings.local(1));
    }

    @AfterAll
    static void stop() {
        workers.close();
        site.stop(0);
    }

    @Test
    void scrubbedHarAndTraceHoldNoSecretWhileTheRawOnesDo() throws Exception {
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        Capture.Raw raw = workers.submit(browser -> {
            try (Capture capture = Capture.start(browser, null)) {
                var page = capture.context().newPage();
                page.navigate(url);
                page.getByLabel("User ID").fill("rcm-bot");
                page.getByLabel("Password").fill(PASSWORD);
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new com.microsoft.playwright.Page.GetByRoleOptions().setName("Sign in")).click();
                page.getByText("Member").waitFor();
                page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
                ScreenMask.of(List.of(PASSWORD, MEMBER, "1980-01-31")).screenshot(page, List.of(), false);
                return capture.finish();
            }
        }).get(60, TimeUnit.SECONDS).value();

        String rawHar = new String(raw.har(), StandardCharsets.UTF_8);
        assertThat(rawHar).as("the raw capture is what replay needs").contains(PASSWORD).contains(MEMBER).contains("abc123secretcookie");
        Redactor redactor = Redactor.of(List.of(PASSWORD, MEMBER, "1980-01-31"));

        String har = new String(HarScrubber.scrub(raw.har(), redactor), StandardCharsets.UTF_8);
        assertThat(har).doesNotContain(PASSWORD).doesNotContain(MEMBER).doesNotContain("01/31/1980")
                .doesNotContain("abc123secretcookie").contains("Sign in");

        byte[] scrubbed = TraceScrubber.scrub(raw.trace(), redactor);
        String trace = allText(scrubbed);
        assertThat(allText(raw.trace())).contains(MEMBER);
        assertThat(trace).doesNotContain(PASSWORD).doesNotContain(MEMBER).doesNotContain("01/31/1980")
                .doesNotContain("abc123secretcookie");
        // the screen mask hands the page its values lower-cased and in every spelling: the served trace withholds them
        assertThat(allText(raw.trace())).contains(MEMBER.toLowerCase(java.util.Locale.ROOT)).contains("jan 31, 1980");
        assertThat(PhiFinder.create().memberId(MEMBER).birthDate("1980-01-31").inText(trace)).as("PHI in the served trace").isEmpty();
        assertThat(trace.toLowerCase(java.util.Locale.ROOT)).doesNotContain(PASSWORD.toLowerCase(java.util.Locale.ROOT));
        // pictures cannot be masked by value: none is served, in the trace or the HAR
        assertThat(images(raw.trace())).as("the raw trace keeps the page's picture").isPositive();
        assertThat(images(scrubbed)).isZero();
        int pictures = 0;
        for (var entry : tools.jackson.databind.json.JsonMapper.builder().build().readTree(har).path("log").path("entries")) {
            if (entry.path("response").path("content").path("mimeType").asString("").startsWith("image/")) {
                pictures++;
                assertThat(entry.path("response").path("content").has("text")).as("an image body in the served HAR").isFalse();
            }
        }
        assertThat(pictures).as("the page's picture is recorded, without its body").isEqualTo(1);
    }

    private static int images(byte[] zip) throws IOException {
        int n = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            while (in.getNextEntry() != null) {
                n += TraceScrubber.isImage(in.readAllBytes()) ? 1 : 0;
            }
        }
        return n;
    }

    private static byte[] picture() throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static String allText(byte[] zip) throws IOException {
        StringBuilder all = new StringBuilder();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            while (in.getNextEntry() != null) {
                all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
