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
 * in the network records as header values, which the redactor is given). Binary resources (images) are kept; the
 * tracer is started without screencast frames, so no image of a page is in the trace.
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
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(text == null ? bytes : scrubHeaders(redactor.redact(text)).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("trace could not be scrubbed", e);
        }
        return out.toByteArray();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** Network records ({@code resource-snapshot} lines) lose cookies and credential headers like a HAR's entries. */
    static String scrubHeaders(String text) {
        if (!text.contains("resource-snapshot")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (line.contains("\"resource-snapshot\"")) {
                try {
                    tools.jackson.databind.JsonNode event = JSON.readTree(line);
                    HarScrubber.scrubEntry(event.path("snapshot"));
                    line = JSON.writeValueAsString(event);
                } catch (tools.jackson.core.JacksonException e) {
                    line = ""; // a network record we cannot read is not served
                }
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
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
