package io.rcmos.x12.read;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public sample files in {@code x12/src/test/resources/x12-samples} (their sources and licences in its
 * {@code SOURCES.md}), read from the test classpath.
 */
public final class Samples {

    private Samples() {
    }

    public static Path dir() {
        URL sources = Samples.class.getResource("/x12-samples/SOURCES.md");
        if (sources == null || !"file".equals(sources.getProtocol())) {
            throw new IllegalStateException("x12-samples/SOURCES.md is not on the test classpath as a file (" + sources
                    + "): the samples live in x12/src/test/resources/x12-samples");
        }
        try {
            return Path.of(sources.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path file(String name) {
        Path p = dir().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no sample " + name + " in " + dir());
        }
        return p;
    }

    public static byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(file(name));
    }
}
