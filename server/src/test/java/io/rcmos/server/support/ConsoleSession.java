package io.rcmos.server.support;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A browser-like client of the console API: cookies kept between requests, the CSRF cookie echoed in
 * {@code X-XSRF-TOKEN} on unsafe methods, JSON in and out — what the console's own client does.
 */
public final class ConsoleSession {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    public ConsoleSession(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Signs in; the response is the server's (200 with the person, or the refusal). */
    public Http.Response signIn(String username, String password) {
        return post("/auth/login", JSON.writeValueAsString(Map.of("username", username, "password", password)));
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    public Http.Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Http.Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Http.Response patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Http.Response send(String method, String path, String json, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        if (!method.equals("GET")) {
            cookie("XSRF-TOKEN").ifPresent(token -> r.header("X-XSRF-TOKEN", token));
        }
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Only the status of a request (with this session's cookies and CSRF token); the body is not read — a stream such as
     * {@code /events} never ends — and the connection is closed.
     */
    public int status(String method, String path, String contentType, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        if (!method.equals("GET")) {
            cookie("XSRF-TOKEN").ifPresent(token -> r.header("X-XSRF-TOKEN", token));
        }
        try {
            HttpResponse<java.io.InputStream> response = client.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code path} as a stream (e.g. {@code /events}) with this session's cookies. */
    public HttpResponse<java.io.InputStream> stream(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
