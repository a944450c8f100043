package io.rcmos.server.inputs;

import io.rcmos.agent.flow.FlowValidation;
import io.rcmos.agent.flow.FlowValidator;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.BoundedContext;
import io.rcmos.server.support.Http;
import io.rcmos.x12.read.X12Problem;
import io.rcmos.x12.read.X12Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suite R3: the malformed-input corpus under {@code src/test/resources/malformed/}, one case a file, over every input —
 * run JSON, CSV and NDJSON uploads (raw and multipart), webhooks, query parameters, headers, X12 files and flow YAML.
 * Each case names what it sends and what must come back: the status and substrings of the answer (the field, row,
 * column or line at fault). Every HTTP case also checks that nothing was half-written: the rows of runs, batches,
 * batch items, webhook deliveries, users and tokens are the same before and after. X12 and flow cases go through the
 * validators {@code ./rcm x12 validate} and {@code ./rcm flow validate} use, and must be refused naming the place.
 *
 * <p>A case file is a header of {@code key: value} lines, a line {@code ---}, then the body as sent. Keys:
 * {@code kind} (http, x12, flow; default http), {@code method}, {@code path}, {@code as} (a role, or anonymous),
 * {@code content-type}, {@code header} (repeatable, {@code Name: value}), {@code chunked} (true: no Content-Length),
 * {@code status}, {@code expect} (repeatable substring of the answer), {@code no-trailing-newline}. In the body,
 * {@code {{repeat:N:TEXT}}} is TEXT N times and {@code {{bytes:HH HH}}} raw bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputsIT extends BoundedContext {

    private static final Path CORPUS = corpus();
    private static final Pattern MACRO = Pattern.compile("\\{\\{(repeat|bytes):([^}]*)}}");

    @Autowired
    JdbcClient jdbc;

    record Case(String name, Map<String, List<String>> keys, byte[] body) {
        String one(String key, String fallback) {
            List<String> v = keys.get(key);
            return v == null || v.isEmpty() ? fallback : v.get(0);
        }

        List<String> all(String key) {
            return keys.getOrDefault(key, List.of());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Path corpus() {
        try {
            return Path.of(MalformedInputsIT.class.getResource("/malformed").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Case> cases() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".case")).sorted().map(MalformedInputsIT::read).toList().stream();
        }
    }

    static Case read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int split = text.indexOf("\n---\n");
            if (split < 0) {
                throw new IllegalStateException(file.getFileName() + ": no '---' line between header and body");
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            for (String line : text.substring(0, split).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                keys.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
            }
            String body = text.substring(split + 5);
            if (keys.containsKey("no-trailing-newline") && body.endsWith("\n")) {
                body = body.substring(0, body.length() - 1);
            }
            return new Case(file.getFileName().toString().replaceAll("\\.case$", ""), keys, expand(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] expand(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = MACRO.matcher(body);
        int at = 0;
        while (m.find()) {
            out.writeBytes(body.substring(at, m.start()).getBytes(StandardCharsets.UTF_8));
            if (m.group(1).equals("repeat")) {
                String[] parts = m.group(2).split(":", 2);
                out.writeBytes(parts[1].repeat(Integer.parseInt(parts[0])).getBytes(StandardCharsets.UTF_8));
            } else {
                for (String hex : m.group(2).trim().split("\\s+")) {
                    out.write(Integer.parseInt(hex, 16));
                }
            }
            at = m.end();
        }
        out.writeBytes(body.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @BeforeAll
    void corpusIsLargeEnough() throws IOException {
        assertThat(cases().count()).as("cases in the R3 corpus").isGreaterThanOrEqualTo(60);
    }

    @Test
    void everyKindOfInputIsCovered() throws IOException {
        List<Case> all = cases().toList();
        assertThat(all.stream().map(c -> c.one("kind", "http")).collect(Collectors.toSet())).contains("http", "x12", "flow");
        String paths = all.stream().map(c -> c.one("method", "") + " " + c.one("path", "")).collect(Collectors.joining("\n"));
        assertThat(paths).contains("POST /runs", "POST /batches", "POST /batches/preview", "POST /webhooks/stedi", "GET /runs?",
                "POST /inbox/");
        assertThat(all.stream().filter(c -> c.one("content-type", "").startsWith("multipart/")).count()).isGreaterThan(3);
        assertThat(all.stream().filter(c -> c.one("content-type", "").contains("ndjson")).count()).isGreaterThan(3);
        assertThat(all.stream().filter(c -> !c.all("header").isEmpty()).count()).isGreaterThan(2);
    }

    /** Rows of every table an input could write to. */
    private Map<String, Long> written() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : List.of("batches", "batch_items", "webhook_deliveries", "users", "api_tokens", "feature_flags")) {
            out.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        out.put("runs by the corpus", jdbc.sql("select count(*) from runs where created_by like 'it-%' and batch_id is null").query(Long.class).single());
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedNamingWhatIsWrong(Case c) {
        switch (c.one("kind", "http")) {
            case "x12" -> {
                List<X12Problem> problems = X12Validator.validate(c.body());
                String text = problems.stream().map(X12Problem::toString).collect(Collectors.joining("\n"));
                assertThat(problems).as(c.name()).isNotEmpty();
                for (String expected : c.all("expect")) {
                    assertThat(text).as(c.name()).contains(expected);
                }
            }
            case "flow" -> {
                FlowValidation v = FlowValidator.validate(c.name() + ".yaml", new String(c.body(), StandardCharsets.UTF_8));
                String text = v.errors().stream().map(p -> p.format()).collect(Collectors.joining("\n"));
                assertThat(v.isValid()).as(c.name()).isFalse();
                for (String expected : c.all("expect")) {
                    assertThat(text).as(c.name()).contains(expected);
                }
            }
            default -> http(c);
        }
    }

    private void http(Case c) {
        String as = c.one("as", "operator");
        Http client = http("anonymous".equals(as) ? null : Role.valueOf(as.toUpperCase(java.util.Locale.ROOT)));
        HttpRequest.Builder request = client.builder(c.one("path", "/"));
        if (c.keys().containsKey("content-type")) {
            request.header("Content-Type", c.one("content-type", null));
        }
        for (String header : c.all("header")) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        HttpRequest.BodyPublisher body = c.body().length == 0 && !"POST".equals(c.one("method", "GET"))
                ? HttpRequest.BodyPublishers.noBody()
                : "true".equals(c.one("chunked", "false"))
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        request.method(c.one("method", "GET"), body);

        Map<String, Long> before = written();
        Http.Response r = client.send(request);
        Map<String, Long> after = written();

        assertThat(r.status()).as(c.name() + ": " + r.body()).isEqualTo(Integer.parseInt(c.one("status", "400")));
        for (String expected : c.all("expect")) {
            assertThat(r.body()).as(c.name()).contains(expected);
        }
        if (r.status() >= 400) {
            assertThat(r.header("Content-Type")).as(c.name()).startsWith("application/problem+json");
        }
        assertThat(r.body()).as(c.name() + ": no exception text").doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at io.");
        assertThat(after).as(c.name() + ": nothing half-written").isEqualTo(before);
    }
}
