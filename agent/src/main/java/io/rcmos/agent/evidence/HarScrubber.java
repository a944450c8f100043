package io.rcmos.agent.evidence;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Set;

/**
 * Makes a HAR safe to serve: drops cookies and credentials headers ({@code Cookie}, {@code Set-Cookie},
 * {@code Authorization}, {@code Proxy-Authorization}, CSRF tokens) from every request and response, blanks form
 * fields whose name says secret (password, otp, code, token), withholds image bodies (pictures cannot be masked by
 * value), then masks every known sensitive value in what remains (URLs, bodies, query strings, headers) with the
 * {@link Redactor}.
 */
public final class HarScrubber {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> DROPPED_HEADERS = Set.of("cookie", "set-cookie", "authorization", "proxy-authorization",
            "x-csrf-token", "x-xsrf-token");

    private HarScrubber() {
    }

    public static byte[] scrub(byte[] har, Redactor redactor) {
        JsonNode root = JSON.readTree(har);
        for (JsonNode entry : root.path("log").path("entries")) {
            scrubEntry(entry);
            maskForm(entry.path("request"), redactor);
            withholdImage(entry.path("response").path("content"));
        }
        return redactor.redact(JSON.writeValueAsString(root)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An image body is dropped (a replay gets an empty picture); its size and type stay. */
    private static void withholdImage(JsonNode content) {
        if (content instanceof ObjectNode c && c.path("mimeType").asString("").toLowerCase(Locale.ROOT).startsWith("image/")
                && c.has("text")) {
            c.remove("text");
            c.remove("encoding");
            c.put("comment", "image withheld: pictures are not masked by value");
        }
    }

    /** One HAR entry (also the shape of a trace's {@code resource-snapshot}): credentials and secret form fields out. */
    static void scrubEntry(JsonNode entry) {
        if (entry.path("request") instanceof ObjectNode request) {
            scrubMessage(request);
        }
        if (entry.path("response") instanceof ObjectNode response) {
            scrubMessage(response);
        }
        JsonNode post = entry.path("request").path("postData");
        if (post instanceof ObjectNode postData && postData.path("params") instanceof ArrayNode params) {
            for (JsonNode p : params) {
                if (secretName(p.path("name").asString(""))) {
                    ((ObjectNode) p).put("value", Redactor.MASK);
                }
            }
        }
    }

    /**
     * Query strings and form bodies are masked value by value and re-encoded, so a replay that types the mask gets
     * byte-identical requests (a browser sends "[REDACTED]" as {@code %5BREDACTED%5D}) and Playwright's HAR routing
     * still finds the recording.
     */
    private static void maskForm(JsonNode request, Redactor redactor) {
        if (!(request instanceof ObjectNode r)) {
            return;
        }
        String url = r.path("url").asString("");
        int q = url.indexOf('?');
        if (q >= 0) {
            r.put("url", url.substring(0, q + 1) + maskEncoded(url.substring(q + 1), redactor));
        }
        if (r.path("queryString") instanceof ArrayNode query) {
            query.forEach(p -> ((ObjectNode) p).put("value", redactor.redact(p.path("value").asString(""))));
        }
        JsonNode post = r.path("postData");
        if (post instanceof ObjectNode postData
                && postData.path("mimeType").asString("").startsWith("application/x-www-form-urlencoded")) {
            postData.put("text", maskEncoded(postData.path("text").asString(""), redactor));
            if (postData.path("params") instanceof ArrayNode params) {
                params.forEach(p -> ((ObjectNode) p).put("value", redactor.redact(p.path("value").asString(""))));
            }
        }
    }

    private static String maskEncoded(String encoded, Redactor redactor) {
        StringBuilder out = new StringBuilder();
        for (String pair : encoded.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                out.append(pair);
                continue;
            }
            String value = java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            String masked = redactor.redact(value);
            out.append(pair, 0, eq + 1).append(masked.equals(value) ? pair.substring(eq + 1)
                    : java.net.URLEncoder.encode(masked, java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static void scrubMessage(ObjectNode message) {
        if (message.path("cookies") instanceof ArrayNode) {
            message.putArray("cookies");
        }
        if (message.path("headers") instanceof ArrayNode headers) {
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (DROPPED_HEADERS.contains(headers.get(i).path("name").asString("").toLowerCase(Locale.ROOT))) {
                    headers.remove(i);
                }
            }
        }
    }

    /** A form field whose name says it holds a secret: password, one-time code, token. */
    public static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("pass") || n.contains("otp") || n.contains("token") || n.contains("secret")
                || n.equals("code") || n.endsWith("_code") || n.contains("verification");
    }
}
