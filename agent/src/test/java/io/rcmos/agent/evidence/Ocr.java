package io.rcmos.agent.evidence;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a picture's text back with Debian's {@code tesseract} ({@code apt-get install tesseract-ocr}; {@code ./rcm test}
 * and {@code .ci/run} install it), so tests can check the pixels of evidence rather than the page behind them.
 * Economical on a shared two-core machine: each distinct picture (by SHA-256) is read once per JVM, on one thread
 * ({@code OMP_THREAD_LIMIT=1}), as a grey image at twice its size — where 16-pixel text reads reliably, zeros and all —
 * with sparse-text segmentation ({@code --psm 11}: pages are labels, tables and fields, not paragraphs).
 */
public final class Ocr {

    private static final Map<String, String> READ = new ConcurrentHashMap<>();
    private static final AtomicInteger PICTURES = new AtomicInteger();
    private static final AtomicLong MILLIS = new AtomicLong();

    private Ocr() {
    }

    /** The text tesseract reads in this PNG (or JPEG). */
    public static String read(byte[] image) {
        return READ.computeIfAbsent(sha256(image), k -> tesseract(image));
    }

    /** How many distinct pictures this JVM has read, and the time it spent on them — for the test reports. */
    public static String stats() {
        return PICTURES.get() + " distinct pictures read by tesseract in " + MILLIS.get() + " ms";
    }

    private static String tesseract(byte[] image) {
        long started = System.nanoTime();
        Process p;
        try {
            ProcessBuilder b = new ProcessBuilder("tesseract", "stdin", "stdout", "--psm", "11").redirectError(ProcessBuilder.Redirect.DISCARD);
            b.environment().put("OMP_THREAD_LIMIT", "1");
            p = b.start();
        } catch (IOException e) {
            throw new IllegalStateException("tesseract is needed to read screenshots back: apt-get install -y tesseract-ocr "
                    + "(./rcm test and .ci/run install it)", e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(enlarged(image));
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException("tesseract did not take the picture", e);
        }
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("tesseract failed on a picture (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
            }
            PICTURES.incrementAndGet();
            MILLIS.addAndGet((System.nanoTime() - started) / 1_000_000);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Grey, twice the size, bicubic: what tesseract reads best at screen resolutions. */
    static byte[] enlarged(byte[] image) {
        try {
            BufferedImage in = ImageIO.read(new ByteArrayInputStream(image));
            if (in == null) {
                throw new IllegalArgumentException("not a picture ImageIO can read");
            }
            BufferedImage out = new BufferedImage(in.getWidth() * 2, in.getHeight() * 2, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(in, 0, 0, out.getWidth(), out.getHeight(), null);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(out, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
