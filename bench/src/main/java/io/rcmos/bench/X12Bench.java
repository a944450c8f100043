package io.rcmos.bench;

import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.read.Eligibility271Reader;
import io.rcmos.x12.write.Eligibility270Writer;
import io.rcmos.x12.write.Eligibility271Writer;
import io.rcmos.x12.write.Envelope;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * X12 figures: 271 read throughput (MB/s) of our reader against StAEDI's bare event scan of the same bytes, and
 * the 270 build rate. Usage: {@code X12Bench [benefits-per-271] [seconds-per-measure]}.
 */
public final class X12Bench {

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("io.xlate").setLevel(java.util.logging.Level.WARNING);
        int ebs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        List<EligibilityResult.Benefit> benefits = new ArrayList<>();
        for (int i = 0; i < ebs; i++) {
            benefits.add(new EligibilityResult.Benefit(i % 3 == 0 ? "B" : i % 3 == 1 ? "C" : "A", null, List.of("30", "98", "AL"), "IND",
                    i % 2 == 0 ? "yes" : "no", "23", new BigDecimal(10 + i % 500), null, null, null, List.of("Benefit note " + i)));
        }
        EligibilityResult big = new EligibilityResult(null, new EligibilityResult.Party("87726", "UnitedHealthcare"),
                new EligibilityResult.Plan("Plan", "G1", LocalDate.of(2026, 1, 1), null),
                new Subscriber("M1", "Ann", "Lee", LocalDate.of(1980, 1, 1), "F"), benefits, null, null, null, null, List.of(), Source.CLEARINGHOUSE);
        Envelope envelope = new Envelope("ZZ", "STEDI", "ZZ", "RCMOS", 'T', 1, 1, 1, LocalDateTime.now());
        byte[] x12 = new Eligibility271Writer().write(big, "Clinic", "1999999984", "T", envelope).getBytes(StandardCharsets.UTF_8);
        double mb = x12.length / 1e6;
        System.out.printf(Locale.ROOT, "271 under test: %d EB segments, %.2f MB%n", ebs, mb);

        Eligibility271Reader reader = new Eligibility271Reader();
        double ours = rate(seconds, () -> reader.read(x12)) * mb;
        double bare = rate(seconds, () -> scan(x12)) * mb;
        System.out.printf(Locale.ROOT, "271 read to typed result: %.1f MB/s; StAEDI bare event scan: %.1f MB/s; ratio %.2f%n",
                ours, bare, ours / bare);

        Eligibility270Writer writer = new Eligibility270Writer();
        EligibilityRequest request = new EligibilityRequest(new Provider("1999999984", "Sunrise Clinic", null, null, null),
                new Subscriber("UHC202649", "John", "Doe", LocalDate.of(1980, 1, 31), "M"), null, List.of("30"), LocalDate.of(2026, 11, 24));
        double builds = rate(seconds, () -> writer.write(request, "87726", "UHC", "TRACE", envelope));
        System.out.printf(Locale.ROOT, "270 build: %.0f transactions/s%n", builds);
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

    /** Operations per second over {@code seconds}, after an equal warm-up. */
    private static double rate(double seconds, Runnable op) {
        long warm = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warm) {
            op.run();
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            op.run();
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
