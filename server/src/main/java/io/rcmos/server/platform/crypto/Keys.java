package io.rcmos.server.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A 256-bit key from configuration (base64) or, when unset, generated once into {@code RCM_HOME/keys/<name>} with
 * owner-only permissions and reused after. A malformed configured key stops start-up with a clear message.
 */
public final class Keys {

    private Keys() {
    }

    /** The configured key, else the one in {@code dir/name}, else a new one written there. */
    public static byte[] load(String configured, String variable, Path dir, String name) {
        return find(configured, variable, dir, name).orElseGet(() -> generate(dir.resolve(name)));
    }

    /**
     * The configured key, else the one in {@code dir/name}; empty when neither exists. For tools that read a running
     * deployment's keys and must never create one.
     */
    public static Optional<byte[]> find(String configured, String variable, Path dir, String name) {
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(variable + " is not valid base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException(variable + " must be 32 bytes (base64 of a 256-bit key), got " + key.length);
            }
            return Optional.of(key);
        }
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length != 32) {
                throw new IllegalStateException(file + " does not hold a 256-bit key");
            }
            return Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] generate(Path file) {
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            try {
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process of this RCM_HOME created it first: use theirs
                return find(null, null, file.getParent(), file.getFileName().toString()).orElseThrow();
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }
}
