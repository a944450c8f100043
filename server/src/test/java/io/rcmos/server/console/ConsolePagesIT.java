package io.rcmos.server.console;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console and the API share paths: a browser navigating to a console page gets the app (deep links work, under a
 * strict CSP), the console's own calls and every script get the API, and the hashed assets are cached for a year.
 */
class ConsolePagesIT extends IntegrationTest {

    private Http.Response get(Http http, String path, String accept, String... headers) {
        HttpRequest.Builder b = http.builder(path).header("Accept", accept).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b);
    }

    @Test
    void navigationsToConsolePathsLoadTheAppUnderAStrictPolicy() {
        Http anonymous = http(null);
        for (String path : new String[]{"/", "/login", "/inbox", "/inbox/" + UUID.randomUUID(), "/runs", "/runs/new",
                "/runs/" + UUID.randomUUID(), "/batches", "/batches/" + UUID.randomUUID(), "/metrics", "/admin", "/account"}) {
            Http.Response r = get(anonymous, path, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(r.body()).as(path).contains("<div id=\"root\"></div>").contains("/assets/");
            assertThat(r.header("Content-Security-Policy")).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-eval");
            assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        }
        assertThat(get(anonymous, "/runs", "*/*", "Sec-Fetch-Mode", "navigate").body()).as("a navigation by fetch metadata")
                .contains("<div id=\"root\">");
    }

    @Test
    void theSamePathsAskedForJsonOrByScriptsAreTheApi() {
        assertThat(get(http(null), "/runs", "application/json").status()).isEqualTo(401);
        Http.Response runs = get(http(Role.VIEWER), "/runs", "application/json");
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.json().has("items")).isTrue();
        assertThat(get(http(Role.VIEWER), "/runs", "*/*").json().has("items")).as("curl's default Accept").isTrue();
        Http.Response prometheus = get(http(Role.VIEWER), "/metrics", "text/plain;version=0.0.4");
        assertThat(prometheus.body()).contains("# HELP").doesNotContain("<div id=\"root\">");
        // a file download is never a console page, even when the browser asks for HTML
        String batch = UUID.randomUUID().toString();
        assertThat(get(http(Role.OPERATOR), "/batches/" + batch + "/results", "text/html").status()).isEqualTo(404);
    }

    @Test
    void hashedAssetsAreServedToAnyoneAndCachedForAYear() {
        String index = get(http(null), "/", "text/html").body();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).isTrue();
        Http.Response js = get(http(null), script.group(1), "*/*");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).contains("javascript");
        assertThat(js.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        assertThat(get(http(null), "/assets/nope-123.js", "*/*").status()).isEqualTo(404);
        assertThat(get(http(null), "/index.html", "text/html").status()).isEqualTo(200);
    }
}
