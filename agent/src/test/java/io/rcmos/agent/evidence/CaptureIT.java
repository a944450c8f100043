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
        site.createContext("/", ex -> {
            try (ex) {
                String body;
                if ("POST".equals(ex.getRequestMethod())) {
                    ex.getRequestBody().readAllBytes();
                    ex.getResponseHeaders().add("Set-Cookie", "session=abc123secretcookie; HttpOnly");
                    body = "<h1>Member " + MEMBER + "</h1><p>Born 01/31/1980</p>";
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
                return capture.finish();
            }
        }).get(60, TimeUnit.SECONDS).value();

        String rawHar = new String(raw.har(), StandardCharsets.UTF_8);
        assertThat(rawHar).as("the raw capture is what replay needs").contains(PASSWORD).contains(MEMBER).contains("abc123secretcookie");
        Redactor redactor = Redactor.of(List.of(PASSWORD, MEMBER, "1980-01-31"));

        String har = new String(HarScrubber.scrub(raw.har(), redactor), StandardCharsets.UTF_8);
        assertThat(har).doesNotContain(PASSWORD).doesNotContain(MEMBER).doesNotContain("01/31/1980")
                .doesNotContain("abc123secretcookie").contains("Sign in");

        String trace = allText(TraceScrubber.scrub(raw.trace(), redactor));
        assertThat(allText(raw.trace())).contains(MEMBER);
        assertThat(trace).doesNotContain(PASSWORD).doesNotContain(MEMBER).doesNotContain("01/31/1980")
                .doesNotContain("abc123secretcookie");
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
