package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.server.clearinghouse.StediProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP call to Stedi: the exact auth header (the bare key), JSON in and out, a timeout per call, and a cap on
 * calls in flight from this process. It does not retry and does not interpret answers: {@link ClearinghouseChannel}
 * interprets them and Temporal retries. Transport failures come back as a {@link Reply} with status 0, never as
 * exceptions. One call takes at most {@link #longestCall}: a slot wait and the request, each bounded by the timeout.
 */
@Component
class StediClient {

    /** Stedi's JSON is camelCase: this mapper is only for the wire, never for our API. */
    static final JsonMapper WIRE = JsonMapper.builder().build();

    private final StediProperties props;
    private final HttpClient http;
    private final Semaphore inFlight;

    StediClient(StediProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.inFlight = new Semaphore(Math.max(1, props.maxConcurrency()), true);
    }

    /**
     * What came back: an HTTP status, the parsed body (null when absent or not JSON) and the pause the server asked for
     * ({@code Retry-After}, capped at {@code rcm.stedi.max-retry-after}; null when absent) — or status 0 and a reason.
     */
    record Reply(int status, JsonNode body, String failure, Duration retryAfter) {
        Reply(int status, JsonNode body, String failure) {
            this(status, body, failure, null);
        }

        boolean transportFailed() {
            return status == 0;
        }
    }

    /** The longest one call can take: waiting for a slot, connecting and the exchange itself. */
    static Duration longestCall(StediProperties props) {
        return props.timeout().multipliedBy(2).plus(CONNECT_TIMEOUT);
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    Reply post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WIRE.writeValueAsString(body))).build());
    }

    /** A GET under the base URL (reports announced by webhook). */
    Reply get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(props.baseUrl() + path))
                .timeout(props.timeout())
                .header("Authorization", props.apiKey())
                .header("Accept", "application/json");
    }

    private Reply send(HttpRequest request) {
        try {
            if (!inFlight.tryAcquire(props.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return new Reply(0, null, "concurrency limit: no slot within the timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, "interrupted");
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()), null,
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null), props.maxRetryAfter()));
        } catch (HttpTimeoutException e) {
            return new Reply(0, null, "timed out after " + props.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return new Reply(0, null, "transport error " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, "interrupted");
        } finally {
            inFlight.release();
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date, capped at {@code max}; null when absent, past or unreadable. */
    static Duration retryAfter(String header, Duration max) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration asked;
        try {
            asked = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                asked = Duration.between(java.time.Instant.now(), java.time.ZonedDateTime.parse(header.trim(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
        if (asked.isNegative() || asked.isZero()) {
            return null;
        }
        return max != null && asked.compareTo(max) > 0 ? max : asked;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return WIRE.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
