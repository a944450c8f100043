package io.rcmos.bench;

import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.read.ClaimStatus277Reader;
import io.rcmos.x12.read.Eligibility271Reader;
import io.rcmos.x12.write.ClaimStatus277Writer;
import io.rcmos.x12.write.Eligibility270Writer;
import io.rcmos.x12.write.Eligibility271Writer;
import io.rcmos.x12.write.Envelope;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.ByteArrayInputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * X12 figures: 271 and 277 read throughput (MB/s) of our readers against StAEDI's bare event scan of the same bytes,
 * and the 270 build rate. Each input: reader and bare scan warmed up together, then measured over several rounds,
 * alternating one whole read at a time; every round prints both rates and their ratio (by wall-clock time, and by
 * CPU time), and the medians close the input. Usage: {@code X12Bench [benefits-per-271] [seconds-per-measure] [rounds]}; the 277 carries one claim
 * (two statuses, two service lines) per 4 EBs of the 271, so both are about the same size.
 */
public final class X12Bench {

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("io.xlate").setLevel(java.util.logging.Level.WARNING);
        int ebs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        if (rounds < 1 || seconds <= 0 || ebs < 1) {
            throw new IllegalArgumentException("usage: X12Bench [benefits-per-271 ≥ 1] [seconds-per-measure > 0] [rounds ≥ 1]");
        }
        Envelope envelope = new Envelope("ZZ", "STEDI", "ZZ", "RCMOS", 'T', 1, 1, 1, LocalDateTime.now());
        System.out.printf(Locale.ROOT, "X12 read benchmark: per input, %.1f s of warm-up, then %d rounds of %.1f s, reader and bare scan alternating "
                        + "read by read; %d cores, %s%n", 2 * seconds, rounds, 2 * seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));

        byte[] x271 = new Eligibility271Writer().write(eligibility(ebs), "Clinic", "1999999984", "T", envelope).getBytes(StandardCharsets.UTF_8);
        Eligibility271Reader reader271 = new Eligibility271Reader();
        check(reader271.read(x271).problems(), reader271.read(x271).result().benefits().size() == ebs, "271");
        System.out.printf(Locale.ROOT, "%n271 under test: %d EB segments, %.2f MB%n", ebs, x271.length / 1e6);
        compare("271", x271, () -> reader271.read(x271), seconds, rounds);

        int claims = Math.max(1, ebs / 4);
        byte[] x277 = new ClaimStatus277Writer().write(claimStatus(claims), new ClaimStatus277Writer.Parties("UnitedHealthcare", "87726",
                "Clinic", "1999999984", "Sunrise Clinic", "1999999984", new Subscriber("M1", "Ann", "Lee", LocalDate.of(1980, 1, 1), "F")),
                "TRACE1", envelope).getBytes(StandardCharsets.UTF_8);
        ClaimStatus277Reader reader277 = new ClaimStatus277Reader();
        check(reader277.read(x277).problems(), reader277.read(x277).result().claims().size() == claims, "277");
        System.out.printf(Locale.ROOT, "%n277 under test: %d claims (TRN, 2 STC, REF 1K/EJ, DTP 472, 2 SVC with STC and DTP each), %.2f MB%n",
                claims, x277.length / 1e6);
        compare("277", x277, () -> reader277.read(x277), seconds, rounds);

        Eligibility270Writer writer = new Eligibility270Writer();
        EligibilityRequest request = new EligibilityRequest(new Provider("1999999984", "Sunrise Clinic", null, null, null),
                new Subscriber("UHC202649", "John", "Doe", LocalDate.of(1980, 1, 31), "M"), null, List.of("30"), LocalDate.of(2026, 11, 24));
        rate(seconds, () -> writer.write(request, "87726", "UHC", "TRACE", envelope)); // warm-up
        double builds = rate(seconds, () -> writer.write(request, "87726", "UHC", "TRACE", envelope));
        System.out.printf(Locale.ROOT, "%n270 build: %.0f transactions/s%n", builds);
    }

    private static EligibilityResult eligibility(int ebs) {
        List<EligibilityResult.Benefit> benefits = new ArrayList<>();
        for (int i = 0; i < ebs; i++) {
            benefits.add(new EligibilityResult.Benefit(i % 3 == 0 ? "B" : i % 3 == 1 ? "C" : "A", null, List.of("30", "98", "AL"), "IND",
                    i % 2 == 0 ? "yes" : "no", "23", new BigDecimal(10 + i % 500), null, null, null, List.of("Benefit note " + i)));
        }
        return new EligibilityResult(null, new EligibilityResult.Party("87726", "UnitedHealthcare"),
                new EligibilityResult.Plan("Plan", "G1", LocalDate.of(2026, 1, 1), null),
                new Subscriber("M1", "Ann", "Lee", LocalDate.of(1980, 1, 1), "F"), benefits, null, null, null, null, List.of(), Source.CLEARINGHOUSE);
    }

    private static ClaimStatusResult claimStatus(int claims) {
        List<ClaimStatusResult.Claim> list = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 11, 2);
        for (int i = 0; i < claims; i++) {
            ClaimStatusResult.Status paid = new ClaimStatusResult.Status("F1", "65", "PR", day);
            ClaimStatusResult.Status info = new ClaimStatusResult.Status("R3", "21", "PR", day);
            List<ClaimStatusResult.ServiceLine> lines = List.of(
                    new ClaimStatusResult.ServiceLine("99213", new BigDecimal("120.00"), new BigDecimal("80.00"), "F1", "65", day, List.of(paid)),
                    new ClaimStatusResult.ServiceLine("85025", new BigDecimal("30.00"), new BigDecimal("0"), "F2", "88", day,
                            List.of(new ClaimStatusResult.Status("F2", "88", "PR", day))));
            list.add(new ClaimStatusResult.Claim("PCN" + i, "EJ" + i, "F1", "65", "PR", null, day, new BigDecimal("150.00"),
                    new BigDecimal("80.00"), day.plusDays(3), "CHK" + i, lines, day.minusDays(20), day.minusDays(20), List.of(paid, info)));
        }
        return new ClaimStatusResult(list, List.of(), Source.CLEARINGHOUSE);
    }

    private static void check(List<?> problems, boolean complete, String what) {
        if (!problems.isEmpty() || !complete) {
            throw new IllegalStateException("the generated " + what + " does not read back cleanly: " + problems);
        }
    }

    /**
     * Warm both up, then rounds of {@code 2 × seconds}: inside a round the two alternate one whole read at a time (the
     * first of each pair swapped every time), so a load change on the shared machine hits both alike. Per round and as
     * medians: MB/s of each and their ratio by wall-clock time, and the same by CPU time (the benchmark thread's CPU
     * time plus the GC pauses during its reads), which other people's processes on the machine barely move.
     */
    private static void compare(String what, byte[] x12, Runnable read, double seconds, int rounds) {
        double mb = x12.length / 1e6;
        Runnable scan = () -> scan(x12);
        alternate(read, scan, seconds);
        double[][] figures = new double[6][rounds]; // wall: ours, bare, ratio; cpu: ours, bare, ratio
        for (int i = 0; i < rounds; i++) {
            double[] perSecond = alternate(read, scan, seconds);
            for (int k = 0; k < 2; k++) {
                figures[3 * k][i] = perSecond[2 * k] * mb;
                figures[3 * k + 1][i] = perSecond[2 * k + 1] * mb;
                figures[3 * k + 2][i] = figures[3 * k][i] / figures[3 * k + 1][i];
            }
            System.out.printf(Locale.ROOT, "  round %d: %s read to typed result %.1f MB/s; StAEDI bare event scan %.1f MB/s; ratio %.2f"
                            + " | by CPU time %.1f / %.1f MB/s, ratio %.2f%n",
                    i + 1, what, figures[0][i], figures[1][i], figures[2][i], figures[3][i], figures[4][i], figures[5][i]);
        }
        System.out.printf(Locale.ROOT, "%s median over %d rounds: read to typed result %.1f MB/s; StAEDI bare event scan %.1f MB/s; "
                        + "ratio %.2f (rounds %.2f–%.2f) | by CPU time %.1f / %.1f MB/s, ratio %.2f (rounds %.2f–%.2f)%n",
                what, rounds, median(figures[0]), median(figures[1]), median(figures[2]), min(figures[2]), max(figures[2]),
                median(figures[3]), median(figures[4]), median(figures[5]), min(figures[5]), max(figures[5]));
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * {@code a} and {@code b} one after the other for about {@code 2 × seconds}: each one's operations per second of
     * its own wall-clock time, then of its own CPU time (this thread's, plus GC pauses).
     */
    private static double[] alternate(Runnable a, Runnable b, double seconds) {
        long[] wall = new long[2];
        long[] cpu = new long[2];
        long n = 0;
        long end = System.nanoTime() + (long) (2 * seconds * 1e9);
        do {
            for (int k = 0; k < 2; k++) {
                int which = (n + k) % 2 == 0 ? 0 : 1;
                long gc0 = gcMillis();
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                (which == 0 ? a : b).run();
                wall[which] += System.nanoTime() - t0;
                cpu[which] += THREADS.getCurrentThreadCpuTime() - cpu0 + (gcMillis() - gc0) * 1_000_000;
            }
            n++;
        } while (System.nanoTime() < end);
        return new double[]{n / (wall[0] / 1e9), n / (wall[1] / 1e9), n / (cpu[0] / 1e9), n / (cpu[1] / 1e9)};
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void scan(byte[] bytes) {
        try (EDIStreamReader r = EDIInputFactory.newFactory().createEDIStreamReader(new ByteArrayInputStream(bytes))) {
            while (r.hasNext()) {
                r.next();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Operations per second over {@code seconds} (at least one operation). */
    private static double rate(double seconds, Runnable op) {
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        do {
            op.run();
            n++;
        } while (System.nanoTime() < end);
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
