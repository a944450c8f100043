package io.rcmos.server.batches;

import io.rcmos.server.platform.crypto.Aead;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * An uploaded file copied off the network before anything else happens, so no database connection waits on a slow
 * client: into a temporary file sealed in 64 KiB chunks with AES-256-GCM under a key that lives only in this object
 * (the file is unreadable after a crash, and deleted on {@link #close()}). Each chunk's associated data is its
 * number and the last one says it is last, so a reordered, altered or cut spool fails to read.
 */
final class UploadSpool implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Aead aead;
    private final long size;

    private UploadSpool(Path file, Aead aead, long size) {
        this.file = file;
        this.aead = aead;
        this.size = size;
    }

    /** Reads {@code in} to its end into a new spool; a read that fails (a body past its limit) leaves no file behind. */
    static UploadSpool of(InputStream in, Path directory) throws IOException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Aead aead = new Aead(key);
        java.util.Arrays.fill(key, (byte) 0);
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "upload-", ".sealed",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        long size = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), CHUNK + 64))) {
            byte[] buf = new byte[CHUNK];
            long chunk = 0;
            while (true) {
                int n = in.readNBytes(buf, 0, CHUNK);
                boolean last = n < CHUNK;
                byte[] sealed = aead.seal(aad(chunk, last), n == CHUNK ? buf : java.util.Arrays.copyOf(buf, n));
                out.writeInt(sealed.length);
                out.write(sealed);
                size += n;
                chunk++;
                if (last) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new UploadSpool(file, aead, size);
    }

    private static String aad(long chunk, boolean last) {
        return "rcm-upload-spool/" + chunk + (last ? "/last" : "");
    }

    long size() {
        return size;
    }

    /** The first bytes of the file (to tell CSV from NDJSON). */
    byte[] head(int bytes) {
        try (InputStream in = open()) {
            return in.readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as uploaded, decrypted as it is read. */
    InputStream open() throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), CHUNK + 64));
        return new InputStream() {
            private byte[] plain = new byte[0];
            private int pos;
            private long chunk;
            private boolean done;

            private boolean fill() throws IOException {
                while (pos >= plain.length) {
                    if (done) {
                        return false;
                    }
                    int length;
                    try {
                        length = in.readInt();
                    } catch (EOFException e) {
                        throw new IOException("the upload spool is cut short");
                    }
                    if (length < 0 || length > CHUNK + 64) {
                        throw new IOException("the upload spool is damaged");
                    }
                    byte[] sealed = in.readNBytes(length);
                    try {
                        plain = aead.open(aad(chunk, false), sealed);
                    } catch (Aead.Tampered notMiddle) {
                        try {
                            plain = aead.open(aad(chunk, true), sealed);
                            done = true;
                        } catch (Aead.Tampered e) {
                            throw new IOException("the upload spool failed authentication");
                        }
                    }
                    pos = 0;
                    chunk++;
                }
                return true;
            }

            @Override
            public int read() throws IOException {
                return fill() ? plain[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, plain.length - pos);
                System.arraycopy(plain, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /**
     * Deletes spools a stopped process left behind (their key died with it: nobody can read them). Only those older
     * than {@code age}, so a process starting beside another one that shares the directory spares its uploads.
     */
    static void removeStale(Path directory, java.time.Duration age) {
        java.time.Instant before = java.time.Instant.now().minus(age);
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            files.filter(p -> p.getFileName().toString().startsWith("upload-") && p.getFileName().toString().endsWith(".sealed"))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toInstant().isBefore(before);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException e) {
                            // another process's, or already gone
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            // nothing to clean
        }
    }

    /** For tests: the spool's file on disk. */
    Path file() {
        return file;
    }
}
