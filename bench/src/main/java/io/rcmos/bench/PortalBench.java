package io.rcmos.bench;

import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import io.rcmos.agent.evidence.Capture;
import io.rcmos.agent.evidence.ScreenMask;
import com.microsoft.playwright.Page;
import io.rcmos.agent.flow.Flow;
import io.rcmos.agent.flow.FlowValidator;
import io.rcmos.agent.run.FlowExecutor;
import io.rcmos.agent.run.FlowOutcome;
import io.rcmos.agent.run.FlowRequest;
import io.rcmos.agent.run.FlowResult;
import io.rcmos.agent.secrets.Totp;
import io.rcmos.sim.SimServer;
import io.rcmos.sim.portal.PortalSettings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The portal channel's agent against the simulator's fake Availity portal, in Debian's Chromium: cold start (driver +
 * browser + first run), one run's latency p50/p95 over N sequential runs (saved login reused, a screenshot per step as
 * in production), throughput with 1, 2 and 4 browser workers, and peak memory (JVM heap and the browsers' resident
 * memory). {@code PortalBench FLOWS_DIR [N]}.
 */
public final class PortalBench {

    public static void main(String[] args) throws Exception {
        Path flows = Path.of(args.length > 0 ? args[0] : "config/payers");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        boolean maskOnly = args.length > 2 && args[2].equals("mask");
        Flow flow = FlowValidator.validate(flows.resolve("availity/eligibility.yaml")).flow().orElseThrow();
        AtomicLong browserPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                browserPeak.accumulateAndGet(chromiumRss(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try (SimServer sim = SimServer.start(SimServer.Config.defaults())) {
            System.out.printf(Locale.ROOT, "RCM OS portal benchmark: flow %s, N=%d, %d cores, Chromium from %s%n", flow.name(), n,
                    Runtime.getRuntime().availableProcessors(), BrowserSettings.DEBIAN_CHROMIUM);
            String storage;
            try (BrowserWorkers workers = new BrowserWorkers(BrowserSettings.local(1)); FlowExecutor executor = new FlowExecutor(workers)) {
                long t0 = System.nanoTime();
                FlowResult first = executor.start(flow, request(sim, 0, null, true));
                check(first);
                System.out.printf(Locale.ROOT, "cold start (driver + browser launch + first run with login and TOTP): %d ms%n",
                        (System.nanoTime() - t0) / 1_000_000);
                storage = first.storageState();
                maskCost(workers, sim, storage, n);
                if (maskOnly) {
                    return;
                }
                Latencies latencies = new Latencies(n);
                long start = System.nanoTime();
                for (int i = 1; i <= n; i++) {
                    long s = System.nanoTime();
                    FlowResult r = executor.start(flow, request(sim, i, storage, true));
                    check(r);
                    latencies.add((System.nanoTime() - s) / 1_000_000);
                }
                System.out.println(latencies.report("one run at a time, 1 worker, saved login, step screenshots", n,
                        (System.nanoTime() - start) / 1e9));
                Latencies lean = new Latencies(n);
                start = System.nanoTime();
                for (int i = 1; i <= n; i++) {
                    long s = System.nanoTime();
                    check(executor.start(flow, request(sim, 1000 + i, storage, false)));
                    lean.add((System.nanoTime() - s) / 1_000_000);
                }
                System.out.println(lean.report("one run at a time, 1 worker, saved login, no step screenshots", n,
                        (System.nanoTime() - start) / 1e9));
            }
            for (int w : new int[]{1, 2, 4}) {
                throughput(sim, flow, w, Math.max(n, 8 * w), storage);
            }
        } finally {
            sampler.interrupt();
        }
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "peak memory: JVM heap %d MB (sum of pool peaks), browsers' resident memory %d MB%n",
                heap >> 20, browserPeak.get() >> 20);
    }

    /**
     * The benefits page (name, member id and birth date shown) photographed {@code n} times each way, alternating:
     * Playwright's plain screenshot and the masked one (marking script in every frame, masking style sheet, unmarking),
     * viewport and full page. Both under tracing, as the agent records every run.
     */
    private static void maskCost(BrowserWorkers workers, SimServer sim, String storage, int n) throws Exception {
        String report = workers.submit(browser -> {
            try (Capture capture = Capture.start(browser, storage)) {
                Page page = capture.context().newPage();
                page.navigate(sim.portalUrl() + "/availity/eligibility");
                page.getByLabel("Payer").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("UnitedHealthcare"));
                page.getByLabel("Member ID").fill("SIM31415920");
                page.getByLabel("Date of Birth").fill("02/02/1990");
                page.getByLabel("Last Name").fill("Lee");
                page.getByLabel("First Name").fill("Ann");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Search")).click();
                page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Eligibility and Benefits").setExact(true)).waitFor();
                ScreenMask mask = ScreenMask.of(List.of("SIM31415920", "1990-02-02", "Lee", "Ann", "rcm-bot"));
                StringBuilder out = new StringBuilder();
                for (boolean full : new boolean[]{false, true}) {
                    long[] plain = new long[n];
                    long[] masked = new long[n];
                    for (int i = -3; i < n; i++) { // three warm-up rounds
                        long t = System.nanoTime();
                        page.screenshot(new Page.ScreenshotOptions().setFullPage(full));
                        long p = System.nanoTime() - t;
                        t = System.nanoTime();
                        mask.screenshot(page, List.of(), full);
                        long m = System.nanoTime() - t;
                        if (i >= 0) {
                            plain[i] = p;
                            masked[i] = m;
                        }
                    }
                    java.util.Arrays.sort(plain);
                    java.util.Arrays.sort(masked);
                    out.append(String.format(Locale.ROOT, "screenshot of the benefits page, %s, n=%d each: plain p50 %.1f ms p95 %.1f ms; "
                                    + "masked p50 %.1f ms p95 %.1f ms; masking adds %.1f ms at p50%n", full ? "full page" : "viewport", n,
                            plain[n / 2] / 1e6, plain[(int) Math.ceil(0.95 * n) - 1] / 1e6, masked[n / 2] / 1e6,
                            masked[(int) Math.ceil(0.95 * n) - 1] / 1e6, (masked[n / 2] - plain[n / 2]) / 1e6));
                }
                return out.toString();
            }
        }).get(5, java.util.concurrent.TimeUnit.MINUTES).value();
        System.out.print(report);
    }

    private static void throughput(SimServer sim, Flow flow, int workers, int runs, String storage) throws Exception {
        try (BrowserWorkers pool = new BrowserWorkers(BrowserSettings.local(workers)); FlowExecutor executor = new FlowExecutor(pool)) {
            // warm every worker's browser first: throughput, not launch, is measured
            List<Future<?>> warm = new ArrayList<>();
            ExecutorService callers = Executors.newFixedThreadPool(workers);
            for (int i = 0; i < workers; i++) {
                int k = i;
                warm.add(callers.submit(() -> check(executor.start(flow, request(sim, 5000 + k, storage, true)))));
            }
            for (Future<?> f : warm) {
                f.get();
            }
            Latencies latencies = new Latencies(runs);
            List<Future<?>> all = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                int k = i;
                all.add(callers.submit(() -> {
                    long s = System.nanoTime();
                    check(executor.start(flow, request(sim, 10_000 + workers * 1000 + k, storage, true)));
                    latencies.add((System.nanoTime() - s) / 1_000_000);
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            System.out.println(latencies.report(workers + " worker(s), " + workers + " runs in flight", runs, (System.nanoTime() - start) / 1e9));
            callers.shutdown();
        }
    }

    private static FlowRequest request(SimServer sim, int i, String storage, boolean screenshots) {
        String member = String.format("SIM%07d0", i % 10_000_000);
        return new FlowRequest(UUID.randomUUID().toString(), Map.of("payer_name", "UnitedHealthcare", "member_id", member,
                "date_of_birth", "1990-01-01", "last_name", "Lee", "first_name", "Ann"),
                Map.of("username", PortalSettings.DEFAULT_USER, "password", PortalSettings.DEFAULT_PASSWORD),
                Totp.base32(PortalSettings.DEFAULT_TOTP_SECRET), sim.portalUrl(), storage, screenshots);
    }

    private static void check(FlowResult r) {
        if (!(r.outcome() instanceof FlowOutcome.Completed)) {
            throw new IllegalStateException("run did not complete: " + r.outcome());
        }
    }

    /** Resident memory of every chromium process on the machine, from /proc. */
    private static long chromiumRss() {
        long total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline"));
                    if (cmd.contains("chromium")) {
                        for (String line : Files.readAllLines(p.resolve("status"))) {
                            if (line.startsWith("VmRSS:")) {
                                total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                            }
                        }
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }
}
