package io.rcmos.x12.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The public sample files in {@code shared/x12-samples}, beside the repository checkout. */
public final class Samples {

    private Samples() {
    }

    public static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("shared/x12-samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("shared/x12-samples not found beside the repository (looked up from "
                + Path.of("").toAbsolutePath() + ")");
    }

    public static byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(dir().resolve(name));
    }
}
