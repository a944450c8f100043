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
 * fields whose name says secret (password, otp, code, token), then masks every known sensitive value in what remains
 * (URLs, bodies, query strings, headers) with the {@link Redactor}.
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
        }
        return redactor.redact(JSON.writeValueAsString(root)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
