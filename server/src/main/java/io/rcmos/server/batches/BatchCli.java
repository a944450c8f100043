package io.rcmos.server.batches;

import io.rcmos.server.platform.web.Suggest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./rcm batch submit FILE --purpose eligibility --payer 87726 [--route auto] [--mapping JSON] [--out FILE]
 * [--format csv|json] [--url URL]}: the console's batch job for people who live in a terminal. Streams the file up,
 * prints progress (counts only, never patient data) and writes the results file (and the error report when rows were
 * refused). Credentials: {@code RCM_TOKEN}, or {@code RCM_ADMIN_PASSWORD} to mint an operator token for the job.
 * Exit 0 when the batch finished, 1 when the file was refused or the server could not be reached, 2 on usage errors.
 */
public final class BatchCli {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final java.util.List<String> OPTIONS = java.util.List.of("purpose", "payer", "route", "mapping", "out", "format", "url");

    private BatchCli() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        if (args.length < 2 || !"submit".equals(args[0])) {
            err.println("usage: ./rcm batch submit FILE --purpose eligibility|claim_status [--payer ID] [--route auto] "
                    + "[--mapping '{\"Their Column\":\"member_id\"}'] [--out RESULTS] [--format csv|json] [--url URL]");
            return 2;
        }
        Path file = Path.of(args[1]);
        // every problem of the command line at once
        java.util.List<String> problems = new java.util.ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                problems.add(args[i] + " is not an option (options start with --)");
                continue;
            }
            String option = args[i].substring(2);
            if (!OPTIONS.contains(option)) {
                String near = Suggest.nearest(option, OPTIONS);
                problems.add("--" + option + " is not an option" + (near == null ? "" : " (did you mean --" + near + "?)")
                        + "; options: --" + String.join(", --", OPTIONS));
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                problems.add("--" + option + " needs a value");
                continue;
            }
            opts.put(option, args[++i]);
        }
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": no such file");
        }
        String purpose = opts.get("purpose");
        if (purpose == null) {
            problems.add("--purpose eligibility|claim_status is required");
        } else if (!purpose.equals("eligibility") && !purpose.equals("claim_status")) {
            problems.add("--purpose must be eligibility or claim_status");
        }
        if (opts.containsKey("format") && !opts.get("format").equals("csv") && !opts.get("format").equals("json")) {
            problems.add("--format must be csv or json");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("rcm batch: " + p));
            return 2;
        }
        String format = opts.getOrDefault("format", "csv");
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String contentType = lower.endsWith(".ndjson") || lower.endsWith(".jsonl") ? "application/x-ndjson" : "text/csv";
        Path results = Path.of(opts.getOrDefault("out", file.resolveSibling(name.replaceFirst("\\.[^.]*$", "") + "-results." + format).toString()));
        String url = opts.getOrDefault("url", defaultUrl());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String auth;
        try {
            auth = authorization(http, url);
        } catch (IOException e) {
            err.println("rcm batch: cannot reach " + url + "; is `./rcm up` running?");
            return 1;
        }
        if (auth == null) {
            err.println("rcm batch: set RCM_TOKEN (an operator token) or RCM_ADMIN_PASSWORD");
            return 2;
        }
        StringBuilder query = new StringBuilder("purpose=" + enc(purpose) + "&file_name=" + enc(name));
        for (String p : new String[]{"payer", "route", "mapping"}) {
            if (opts.containsKey(p)) {
                query.append('&').append(p.equals("payer") ? "payer_id" : p).append('=').append(enc(opts.get(p)));
            }
        }
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/batches?" + query))
                .header("Authorization", auth).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(created.body());
        if (created.statusCode() != 201) {
            err.println("rcm batch: " + file + ": " + body.path("detail").asString("refused (HTTP " + created.statusCode() + ")"));
            body.path("errors").forEach(e -> err.println("  " + e.path("field").asString("") + (e.has("line") ? " line " + e.get("line").asString() : "")
                    + ": " + e.path("message").asString("")));
            return 1;
        }
        String batchId = body.get("batch_id").asString();
        JsonNode counts = body.get("counts");
        err.printf("batch %s: %d rows, %d valid, %d refused%n", batchId, counts.get("total").asLong(), counts.get("valid").asLong(),
                counts.get("invalid").asLong());
        String last = "";
        JsonNode batch;
        while (true) {
            batch = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/batches/" + batchId)).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode c = batch.get("counts");
            String line = String.format("%5.1f%%  succeeded %d  failed %d  waiting for a person %d  running %d  queued %d  pending %d",
                    batch.get("progress").asDouble() * 100, c.get("succeeded").asLong(), c.get("failed").asLong(),
                    c.get("waiting_for_human").asLong(), c.get("running").asLong(), c.get("queued").asLong(), c.get("pending").asLong());
            if (!line.equals(last)) {
                err.println(line);
                last = line;
            }
            if (!batch.get("finished_at").isNull()) {
                break;
            }
            Thread.sleep(1000);
        }
        download(http, url + "/batches/" + batchId + "/results?format=" + format, auth, results);
        err.println("results: " + results + " (" + batch.get("status").asString() + ")");
        if (batch.get("counts").get("invalid").asLong() > 0) {
            String base = results.getFileName().toString().replaceFirst("(-results)?\\.[^.]*$", "");
            Path errors = results.resolveSibling(base + "-errors.csv");
            download(http, url + "/batches/" + batchId + "/errors?format=csv", auth, errors);
            err.println("refused rows: " + errors);
        }
        out.println(results);
        return 0;
    }

    private static void download(HttpClient http, String url, String auth, Path to) throws IOException, InterruptedException {
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofFile(to));
        if (r.statusCode() != 200) {
            throw new IOException("download of " + url + " answered HTTP " + r.statusCode());
        }
    }

    private static String defaultUrl() {
        String home = System.getenv().getOrDefault("RCM_HOME", "var");
        try {
            Path saved = Path.of(home, "run", "url");
            if (Files.exists(saved)) {
                return Files.readString(saved).strip();
            }
        } catch (IOException e) {
            // fall through to the port
        }
        return "http://127.0.0.1:" + System.getenv().getOrDefault("RCM_PORT", "8080");
    }

    /** RCM_TOKEN, or an operator token minted with the admin's password (shown to nobody). */
    private static String authorization(HttpClient http, String url) throws IOException, InterruptedException {
        String token = System.getenv("RCM_TOKEN");
        if (token != null && !token.isBlank()) {
            return "Bearer " + token.strip();
        }
        String password = System.getenv("RCM_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            return null;
        }
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/auth/tokens"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"rcm-batch-cli\", \"role\": \"operator\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IOException("token request answered HTTP " + r.statusCode());
        }
        return "Bearer " + JSON.readTree(r.body()).get("token").asString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
