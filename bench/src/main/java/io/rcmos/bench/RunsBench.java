package io.rcmos.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full path: N runs through {@code POST /runs} → workflow → PostgreSQL → outbox event, against a running
 * instance, timing each run from submission to its {@code run.succeeded}/{@code run.failed} event on
 * {@code /events}. Usage: {@code RunsBench URL TOKEN [N] [concurrency] [route]}.
 */
public final class RunsBench {

    private static final Pattern RUN_ID = Pattern.compile("\"run_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        String route = args.length > 4 ? args[4] : "demo";
        String payer = args.length > 5 ? args[5] : "87726";
        // concurrency 0: one run at a time, the next submitted when the last one's terminal event arrived (unloaded latency)
        boolean oneAtATime = concurrency == 0;
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        String tag = Long.toString(System.currentTimeMillis() % 100000);

        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, Long> finished = new ConcurrentHashMap<>();
        ended.clear();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        Thread listener = new Thread(() -> listen(http, url, token, started, finished, failed, done), "bench-sse");
        listener.setDaemon(true);
        listener.start();
        Thread.sleep(500);

        Latencies submit = new Latencies(n);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
        AtomicInteger rejected = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int k = i;
            pool.execute(() -> {
                String body = """
                        {"purpose": "eligibility", "payer_id": "%s", "route": "%s",
                         "input": {"provider": {"npi": "1999999984", "organization_name": "Bench Clinic"},
                                   "subscriber": {"member_id": "SIM%08d", "first_name": "Bench", "last_name": "Patient%s",
                                                  "date_of_birth": "1980-01-01"}}}""".formatted(payer, route, (k * 10L) % 100_000_000, tag);
                long s = System.nanoTime();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/runs"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    submit.add((System.nanoTime() - s) / 1_000_000);
                    Matcher m = RUN_ID.matcher(r.body());
                    if (r.statusCode() == 201 && m.find()) {
                        started.put(m.group(1), s);
                        if (oneAtATime) {
                            ended.computeIfAbsent(m.group(1), id -> new CountDownLatch(1)).await(60, TimeUnit.SECONDS);
                        }
                    } else {
                        rejected.incrementAndGet();
                        done.countDown();
                    }
                } catch (Exception e) {
                    rejected.incrementAndGet();
                    done.countDown();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        double submitSeconds = (System.nanoTime() - t0) / 1e9;
        boolean all = done.await(30, TimeUnit.MINUTES);
        double totalSeconds = (System.nanoTime() - t0) / 1e9;

        Latencies endToEnd = new Latencies(n);
        finished.forEach((id, end) -> {
            Long s = started.get(id);
            if (s != null) {
                endToEnd.add((end - s) / 1_000_000);
            }
        });
        System.out.println(submit.report("POST /runs (accepted)", n, submitSeconds));
        System.out.println(endToEnd.report("runs end to end (submit -> terminal event), route " + route, n, totalSeconds));
        System.out.printf("rejected submissions=%d failed runs=%d all terminal=%s%n", rejected.get(), failed.get(), all);
        System.exit(0);
    }

    /** Per run, counted down when its terminal event arrives (one-at-a-time mode waits on it). */
    private static final Map<String, CountDownLatch> ended = new ConcurrentHashMap<>();

    private static void listen(HttpClient http, String url, String token, Map<String, Long> started, Map<String, Long> finished,
                               AtomicInteger failed, CountDownLatch done) {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url + "/events?type=run.succeeded,run.failed"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofHours(1)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String event = null;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        Matcher m = RUN_ID.matcher(line);
                        if (m.find() && finished.putIfAbsent(m.group(1), System.nanoTime()) == null) {
                            ended.computeIfAbsent(m.group(1), id -> new CountDownLatch(1)).countDown();
                            if ("run.failed".equals(event)) {
                                failed.incrementAndGet();
                            }
                            done.countDown();
                        }
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("event stream ended: " + e.getClass().getSimpleName());
        }
    }
}
