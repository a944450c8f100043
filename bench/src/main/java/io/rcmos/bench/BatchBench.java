package io.rcmos.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch end to end against a running instance: a generated eligibility file → {@code POST /batches} (streamed,
 * every row checked) → a run per row against the simulator → {@code GET /batches/{id}/results}. Then the check
 * alone on a large file ({@code dry_run=true}: parsed, checked, written and rolled back) while the server's heap is
 * sampled from {@code /metrics}. Usage: {@code BatchBench URL TOKEN PAYER [ROWS] [BIG_ROWS]}.
 */
public final class BatchBench {

    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*([0-9.Ee+-]+)");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = "Bearer " + args[1];
        String payer = args[2];
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        int bigRows = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        HttpClient http = HttpClient.newHttpClient();
        Path dir = Files.createTempDirectory("rcm-batch-bench");
        String tag = Long.toString(System.currentTimeMillis() % 1_000_000);

        Path file = generate(dir.resolve("batch.csv"), rows, tag);
        Instant from = Instant.now().minusSeconds(1);
        long busy0 = busyJiffies();
        long t0 = System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/batches?purpose=eligibility&route=clearinghouse&payer_id=" + payer))
                .header("Authorization", token).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = (System.nanoTime() - t0) / 1e9;
        if (created.statusCode() != 201) {
            throw new IllegalStateException("upload refused: " + created.body());
        }
        String batchId = text(created.body(), "batch_id");
        String status;
        String body;
        do {
            Thread.sleep(250);
            body = http.send(HttpRequest.newBuilder(URI.create(url + "/batches/" + batchId)).header("Authorization", token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            status = body.contains("\"finished_at\":null") ? "running" : "done";
        } while (status.equals("running"));
        double runSeconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (busyJiffies() - busy0) / 100.0;
        long t1 = System.nanoTime();
        HttpResponse<Path> results = http.send(HttpRequest.newBuilder(URI.create(url + "/batches/" + batchId + "/results?format=csv"))
                .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofFile(dir.resolve("results.csv")));
        double exportSeconds = (System.nanoTime() - t1) / 1e9;
        double wall = (System.nanoTime() - t0) / 1e9;
        long lines = Files.lines(results.body()).count() - 1;
        String summary = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics/summary?from=" + from)).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int at = summary.indexOf("\"payer_id\":\"" + payer + "\"");
        String group = at < 0 ? summary : summary.substring(at);
        double p95 = number(group.substring(group.indexOf("\"duration_ms\"")), "p95");
        double p50 = number(group.substring(group.indexOf("\"duration_ms\"")), "p50");
        System.out.printf("batch of %d rows: upload+check %.2f s (%.0f rows/s), all runs done %.1f s after upload start, export %.2f s (%d lines)%n",
                rows, uploadSeconds, rows / uploadSeconds, runSeconds, exportSeconds, lines);
        System.out.printf("wall time %.1f s, %.1f rows/s end to end; run duration p50 %.0f ms, p95 %.0f ms; batch %s: %s%n",
                wall, rows / wall, p50, p95, batchId, countsOf(body));
        System.out.printf("CPU of the whole machine while the batch ran (server, embedded PostgreSQL, simulator, this client): "
                + "%.1f core-seconds = %.1f ms per row, %.0f %% of %d cores%n", cpuSeconds, cpuSeconds * 1000 / rows,
                cpuSeconds * 100 / runSeconds / Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
        String noop = System.getProperty("noop.rate");
        if (noop != null && !noop.isBlank()) {
            double baseline = Double.parseDouble(noop);
            System.out.printf("rows/s to upload → completed: %.1f; the no-op Temporal rate of the same run: %.1f/s; ratio %.2f%n",
                    rows / runSeconds, baseline, rows / runSeconds / baseline);
        }

        if (bigRows > 0) {
            Path big = generate(dir.resolve("big.csv"), bigRows, tag + "X");
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    try {
                        peak.accumulateAndGet(heap(http, url, token), Math::max);
                        Thread.sleep(200);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            long before = heap(http, url, token);
            sampler.start();
            long t2 = System.nanoTime();
            HttpResponse<String> dry = http.send(HttpRequest.newBuilder(URI.create(url + "/batches?purpose=eligibility&route=clearinghouse&dry_run=true&payer_id=" + payer))
                    .header("Authorization", token).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(big)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - t2) / 1e9;
            sampling.set(false);
            sampler.join();
            System.out.printf("check only (dry run) of %d rows, %.0f MB: %.1f s, %.0f rows/s, HTTP %d; server heap used %d MB before, peak %d MB during%n",
                    bigRows, Files.size(big) / 1e6, seconds, bigRows / seconds, dry.statusCode(), before >> 20, peak.get() >> 20);
        }
        System.exit(0);
    }

    private static Path generate(Path path, int rows, String tag) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("Member ID,First Name,Last Name,DOB,NPI,Practice,Service Type\r\n");
            for (int i = 0; i < rows; i++) {
                // SIM + 8 digits ending in 0: an active member of the simulator's synthetic population
                w.write("SIM" + String.format("%07d", (Math.abs((tag + i).hashCode()) % 10_000_000)) + "0,Bench,Patient" + i + ",01/31/1980,1999999984,Bench Clinic,30\r\n");
            }
        }
        return path;
    }

    private static long heap(HttpClient http, String url, String token) throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Busy time of every CPU since boot, in jiffies (1/100 s), from /proc/stat; 0 where there is none. */
    private static long busyJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not busy
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String countsOf(String batch) {
        int i = batch.indexOf("\"counts\"");
        return i < 0 ? batch : batch.substring(i, batch.indexOf('}', i) + 1);
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(field + " not in " + json);
        }
        return m.group(1);
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), field)).matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
