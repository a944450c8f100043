package io.rcmos.agent.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Makes a Playwright trace (a zip of JSON-lines events, network records and resources) safe to serve: every entry
 * that is UTF-8 text is passed through the {@link Redactor}, cookie and authorization values included (they appear
 * in the network records as header values, which the redactor is given). Pictures cannot be masked by value, so no
 * image is served: the tracer is started without screencast frames, and any image entry (a screencast frame, a
 * picture the page loaded) is left out of the scrubbed trace. Other binary resources (fonts) are kept.
 */
public final class TraceScrubber {

    private TraceScrubber() {
    }

    public static byte[] scrub(byte[] traceZip, Redactor redactor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(traceZip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(traceZip));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                String text = utf8(bytes);
                if (text == null && isImage(bytes)) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(text == null ? bytes : scrubEvents(redactor.redact(text)).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("trace could not be scrubbed", e);
        }
        return out.toByteArray();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /**
     * Two kinds of event lines are rewritten by structure: network records ({@code resource-snapshot}) lose cookies
     * and credential headers like a HAR's entries, and the arguments of scripts run in the page
     * ({@code evaluateExpression…} calls, such as the {@link ScreenMask}'s list of values to paint over, lower-cased
     * and in every spelling) are withheld, since no value-based redaction can know all their forms.
     */
    static String scrubEvents(String text) {
        if (!text.contains("resource-snapshot") && !text.contains("evaluateExpression")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            boolean network = line.contains("\"resource-snapshot\"");
            boolean script = line.contains("\"evaluateExpression");
            if (network || script) {
                try {
                    tools.jackson.databind.JsonNode event = JSON.readTree(line);
                    if (network) {
                        HarScrubber.scrubEntry(event.path("snapshot"));
                    }
                    if (script && event.path("params") instanceof tools.jackson.databind.node.ObjectNode params && params.has("arg")) {
                        tools.jackson.databind.node.ObjectNode arg = params.putObject("arg");
                        arg.putObject("value").put("s", Redactor.MASK);
                        arg.putArray("handles");
                    }
                    line = JSON.writeValueAsString(event);
                } catch (tools.jackson.core.JacksonException e) {
                    line = ""; // an event we cannot read is not served
                }
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** PNG, JPEG, GIF or WebP, by their magic numbers (trace resources are named by hash, not type). */
    static boolean isImage(byte[] b) {
        return starts(b, 0x89, 'P', 'N', 'G') || starts(b, 0xFF, 0xD8, 0xFF) || starts(b, 'G', 'I', 'F', '8')
                || (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P');
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
