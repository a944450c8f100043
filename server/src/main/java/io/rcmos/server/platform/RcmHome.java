package io.rcmos.server.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The state directory of one instance ({@code RCM_HOME}, default {@code ./var}): embedded data, keys, run files. */
@Component
public class RcmHome {

    private final Path root;

    public RcmHome(@Value("${rcm.home}") String home) {
        this.root = Path.of(home).toAbsolutePath().normalize();
        dir("");
    }

    public Path root() {
        return root;
    }

    /** A sub-directory, created on first use. */
    public Path dir(String name) {
        Path dir = name.isEmpty() ? root : root.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Writes a small run file (port, URL) atomically so launchers and CLI tools can find this instance. */
    public void writeRunFile(String name, String content) {
        Path target = dir("run").resolve(name);
        try {
            Path tmp = Files.createTempFile(target.getParent(), name, ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
