package io.rcmos.server.payers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;

/** Loads {@code config/payers} ({@code rcm.payers.dir}, or found upward from the working directory) at start-up. */
@Configuration(proxyBeanMethods = false)
class PayersConfig {

    @Bean
    PayerRegistry payerRegistry(@Value("${rcm.payers.dir:}") String dir) {
        return PayerRegistry.load(locate(dir));
    }

    static Path locate(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("config/payers");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        return null;
    }
}
