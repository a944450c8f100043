package io.rcmos.server.platform;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the compose file is checked by reading it: every service has a healthcheck,
 * every variable set for the RCM OS services is one the application reads, and .env.example names every
 * variable the file interpolates.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final Set<String> APP_SERVICES = Set.of("api", "worker");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ROOT.resolve("infra/docker-compose.yml")));
    }

    /** Variables the application reads: ${NAME…} placeholders in application.yml and getenv("NAME") in its sources. */
    private static Set<String> variablesTheAppReads() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher placeholders = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(
                Files.readString(ROOT.resolve("server/src/main/resources/application.yml")));
        while (placeholders.find()) {
            names.add(placeholders.group(1));
        }
        Pattern getenv = Pattern.compile("getenv\\(\"([A-Z][A-Z0-9_]*)\"");
        try (Stream<Path> sources = Files.walk(ROOT.resolve("server/src/main/java"))) {
            for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = getenv.matcher(Files.readString(p));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAHealthcheck() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKeys("postgres", "redis", "minio", "temporal", "temporal-ui", "api", "worker");
        services.forEach((name, def) -> assertThat(((Map<String, Object>) def)).as(name).containsKey("healthcheck"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableSetForTheAppIsOneItReads() throws IOException {
        Set<String> known = variablesTheAppReads();
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        List<String> unknown = new ArrayList<>();
        for (String service : APP_SERVICES) {
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("environment");
            assertThat(env).as(service + " environment").isNotEmpty();
            for (String name : env.keySet()) {
                if (!known.contains(name)) {
                    unknown.add(service + ": " + name);
                }
            }
        }
        assertThat(unknown).as("variables the application does not read").isEmpty();
        assertThat(known).contains("DATABASE_URL", "TEMPORAL_ADDRESS", "REDIS_URL", "S3_ENDPOINT", "STEDI_API_KEY");
    }

    @Test
    void envExampleCoversEveryInterpolatedVariable() throws IOException {
        String composeText = Files.readString(ROOT.resolve("infra/docker-compose.yml"));
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)").matcher(composeText);
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> declared = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (line.matches("^[A-Z][A-Z0-9_]*=.*")) {
                declared.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(declared).containsAll(used);
    }
}
