package io.rcmos.server.platform;

import io.rcmos.server.platform.crypto.SharedKeys;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the compose file and the Dockerfile are checked by reading them: every service has a
 * healthcheck on an endpoint that exists, every variable set for the RCM OS services is one the application reads,
 * every variable a split process requires (engines and every shared key) is set on the API and on the workers as the
 * same reference, engine addresses name services of the file on their ports, published ports do not clash, volumes
 * exist, the simulator is an optional profile, the store's encryption is one MinIO accepts, the image carries what the
 * workers run (Debian's Chromium and node, the payer configuration), and .env.example names every variable the file
 * interpolates.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> APP_SERVICES = List.of("api", "worker");
    /** The engines a split process reaches (it runs none embedded). */
    private static final List<String> ENGINE_VARIABLES = List.of("DATABASE_URL", "DATABASE_USERNAME", "DATABASE_PASSWORD",
            "TEMPORAL_ADDRESS", "REDIS_URL", "S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ROOT.resolve("infra/docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        return (Map<String, Object>) compose().get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> service = (Map<String, Object>) services().get(name);
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    /** A service's environment as strings (compose's map form). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> env(String service) throws IOException {
        Map<String, Object> raw = (Map<String, Object>) service(service).get("environment");
        Map<String, String> env = new HashMap<>();
        if (raw != null) {
            raw.forEach((k, v) -> env.put(k, v == null ? "" : v.toString()));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(Object::toString).toList();
        }
        return List.of(value.toString());
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    /** Variables the application reads: ${NAME…} placeholders in application.yml and getenv("NAME") in its sources. */
    private static Set<String> variablesTheAppReads() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher placeholders = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(read("server/src/main/resources/application.yml"));
        while (placeholders.find()) {
            names.add(placeholders.group(1));
        }
        Pattern getenv = Pattern.compile("getenv\\(\"([A-Z][A-Z0-9_]*)\"");
        for (String tree : List.of("server/src/main/java", "agent/src/main/java")) {
            try (Stream<Path> sources = Files.walk(ROOT.resolve(tree))) {
                for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = getenv.matcher(Files.readString(p));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }

    /** Everything a split process needs from its configuration: the engines and every shared key (S3: no artifact key). */
    private static List<String> requiredForASplitProcess() {
        List<String> required = new ArrayList<>(ENGINE_VARIABLES);
        for (SharedKeys.Key key : SharedKeys.Key.values()) {
            if (key != SharedKeys.Key.ARTIFACT_ENCRYPTION) {
                required.add(key.variable());
            }
        }
        return required;
    }

    @Test
    void everyServiceHasAHealthcheck() throws IOException {
        Map<String, Object> services = services();
        assertThat(services).containsKeys("postgres", "redis", "minio", "minio-bucket", "temporal", "temporal-ui", "api", "worker", "sim");
        services.forEach((name, def) -> assertThat(((Map<?, ?>) def).containsKey("healthcheck")).as(name + " has a healthcheck").isTrue());
    }

    @Test
    void everyVariableSetForTheAppIsOneItReads() throws IOException {
        Set<String> known = variablesTheAppReads();
        List<String> unknown = new ArrayList<>();
        for (String service : APP_SERVICES) {
            Map<String, String> env = env(service);
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
    void theApiAndTheWorkersPlayTheirRolesAndThereAreTwoWorkers() throws IOException {
        assertThat(env("api")).containsEntry("RCM_ROLE_API", "true").containsEntry("RCM_ROLE_WORKER", "false");
        assertThat(env("worker")).containsEntry("RCM_ROLE_API", "false").containsEntry("RCM_ROLE_WORKER", "true");
        Map<?, ?> deploy = (Map<?, ?>) service("worker").get("deploy");
        assertThat(deploy).as("worker deploy").isNotNull();
        assertThat(((Number) deploy.get("replicas")).intValue()).as("worker replicas").isGreaterThanOrEqualTo(2);
        for (String service : APP_SERVICES) {
            assertThat(service(service).get("restart")).as(service + " restarts after a crash").isEqualTo("unless-stopped");
        }
    }

    @Test
    void everyVariableASplitProcessRequiresIsSetOnTheApiAndTheWorkers() throws IOException {
        for (String service : APP_SERVICES) {
            Map<String, String> env = env(service);
            for (String name : requiredForASplitProcess()) {
                assertThat(env.get(name)).as(service + " sets " + name).isNotBlank();
            }
            // the keys must be configured: a process that would generate one refuses to start instead
            assertThat(env).as(service).containsEntry("RCM_SHARED_KEYS", "required");
        }
    }

    @Test
    void sharedSettingsAreTheSameVariableReferencesInEveryProcess() throws IOException {
        Map<String, String> api = env("api");
        Map<String, String> worker = env("worker");
        Set<String> names = new TreeSet<>(api.keySet());
        names.addAll(worker.keySet());
        names.removeAll(Set.of("RCM_ROLE_API", "RCM_ROLE_WORKER"));
        for (String name : names) {
            assertThat(worker.get(name)).as(name + " on the workers as on the API").isEqualTo(api.get(name));
        }
        for (SharedKeys.Key key : SharedKeys.Key.values()) {
            if (key == SharedKeys.Key.ARTIFACT_ENCRYPTION) {
                continue;
            }
            // a reference to the variable of the same name, never a literal key in the file; compose refuses to start without it
            assertThat(api.get(key.variable())).as(key.variable())
                    .matches(Pattern.quote("${" + key.variable()) + ":\\?[^}]+}");
        }
    }

    @Test
    void engineAddressesNameServicesOfThisFileOnTheirPorts() throws IOException {
        Map<String, Object> services = services();
        Map<String, String> env = env("api");
        Map<String, Integer> expected = Map.of("DATABASE_URL", 5432, "TEMPORAL_ADDRESS", 7233, "REDIS_URL", 6379, "S3_ENDPOINT", 9000);
        expected.forEach((variable, port) -> {
            String value = env.get(variable).replaceFirst("^jdbc:", "");
            URI uri = URI.create(value.contains("://") ? value : "grpc://" + value);
            assertThat(services).as(variable + " names a service").containsKey(uri.getHost());
            assertThat(uri.getPort()).as(variable + " port").isEqualTo(port);
        });
        assertThat(env.get("DATABASE_URL")).endsWith("/rcm");
        assertThat(env("postgres")).containsEntry("POSTGRES_DB", "rcm");
        // the database credentials and the store's are the same variables on both sides
        assertThat(env.get("DATABASE_USERNAME")).isEqualTo(env("postgres").get("POSTGRES_USER"));
        assertThat(env.get("DATABASE_PASSWORD")).isEqualTo(env("postgres").get("POSTGRES_PASSWORD"));
        assertThat(env.get("S3_ACCESS_KEY_ID")).isEqualTo(env("minio").get("MINIO_ROOT_USER"));
        assertThat(env.get("S3_SECRET_ACCESS_KEY")).isEqualTo(env("minio").get("MINIO_ROOT_PASSWORD"));
        assertThat(env.get("S3_BUCKET")).isEqualTo(env("minio-bucket").get("BUCKET"));
    }

    @Test
    void publishedPortsAreTheOnesServedAndNeverClash() throws IOException {
        Map<String, Integer> hostPorts = new HashMap<>();
        for (Map.Entry<String, Object> e : services().entrySet()) {
            for (String mapping : list(((Map<?, ?>) e.getValue()).get("ports"))) {
                String[] parts = mapping.split(":");
                Integer previous = hostPorts.put(parts[0], 1);
                assertThat(previous).as("host port " + parts[0] + " published twice").isNull();
            }
        }
        assertThat(list(service("api").get("ports"))).contains("8080:8080");
        assertThat(list(service("minio").get("ports"))).as("MinIO's S3 API").contains("9000:9000");
        assertThat(service("worker").get("ports")).as("replicated workers publish nothing").isNull();
        // the server listens on RCM_PORT, 8080 in the image
        assertThat(read("Dockerfile")).contains("RCM_PORT=8080").contains("EXPOSE 8080");
        assertThat(env("api")).doesNotContainKey("RCM_PORT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthChecksUseEndpointsThatExist() throws IOException {
        assertThat(read("server/src/main/java/io/rcmos/server/platform/health/HealthController.java")).contains("@GetMapping(\"/healthz\")");
        assertThat(read("server/src/main/java/io/rcmos/server/security/SecurityConfig.java"))
                .containsPattern("requestMatchers\\(HttpMethod.GET, \"/healthz\".*\\)\\.permitAll\\(\\)");
        for (String service : APP_SERVICES) {
            List<String> test = list(((Map<String, Object>) service(service).get("healthcheck")).get("test"));
            assertThat(String.join(" ", test)).as(service).contains("http://127.0.0.1:8080/healthz");
        }
        assertThat(read("Dockerfile")).contains("curl -fsS http://127.0.0.1:8080/healthz").containsPattern("install[^\\n]*curl");
        // the simulator answers /healthz on the port it is told to listen on
        assertThat(read("sim/src/main/java/io/rcmos/sim/SimServer.java")).contains("createContext(\"/healthz\"");
        List<String> simCommand = list(service("sim").get("command"));
        String simPort = simCommand.get(simCommand.indexOf("--port") + 1);
        assertThat(String.join(" ", list(((Map<String, Object>) service("sim").get("healthcheck")).get("test"))))
                .contains("http://127.0.0.1:" + simPort + "/healthz");
        assertThat(list(service("sim").get("ports"))).contains(simPort + ":" + simPort);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dependenciesAndVolumesExist() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> services = services();
        Set<String> namedVolumes = ((Map<String, Object>) compose.get("volumes")).keySet();
        for (Map.Entry<String, Object> e : services.entrySet()) {
            Map<String, Object> def = (Map<String, Object>) e.getValue();
            Object dependsOn = def.get("depends_on");
            if (dependsOn instanceof Map<?, ?> deps) {
                for (Object dep : deps.keySet()) {
                    assertThat(services).as(e.getKey() + " depends on " + dep).containsKey(dep.toString());
                    assertThat(list(((Map<String, Object>) services.get(dep.toString())).get("profiles")))
                            .as(e.getKey() + " depends on " + dep + ", which must not be optional").isEmpty();
                }
            }
            for (String volume : list(def.get("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(ROOT.resolve("infra").resolve(source).normalize()).as(e.getKey() + " mounts " + source).exists();
                } else {
                    assertThat(namedVolumes).as(e.getKey() + " volume " + source).contains(source);
                }
            }
        }
        // the payer configuration the processes read is the one mounted (and baked into the image)
        for (String service : APP_SERVICES) {
            assertThat(list(service(service).get("volumes"))).contains("../config:/opt/rcm/config:ro");
            assertThat(env(service).get("RCM_PAYERS_DIR")).startsWith("/opt/rcm/config/");
        }
        assertThat(ROOT.resolve("config/payers")).isDirectory();
        assertThat(read("Dockerfile")).contains("COPY config /opt/rcm/config");
    }

    @Test
    void theSimulatorIsAnOptionalServiceSpeakingWithTheAppsKey() throws IOException {
        assertThat(list(service("sim").get("profiles"))).containsExactly("sim");
        List<String> command = list(service("sim").get("command"));
        assertThat(command).containsSequence("--bind", "0.0.0.0");
        assertThat(command.get(command.indexOf("--api-key") + 1)).isEqualTo(env("api").get("STEDI_API_KEY"));
        assertThat(String.join(" ", list(service("sim").get("entrypoint")))).contains("/opt/rcm/rcm-sim.jar");
        assertThat(read("Dockerfile")).contains("/opt/rcm/rcm-sim.jar");
        assertThat(read("sim/src/main/java/io/rcmos/sim/SimServer.java")).contains("opts.getOrDefault(\"bind\"");
    }

    @Test
    void artifactEncryptionIsOneMinioAcceptsWithoutAKeyServer() throws IOException {
        String sse = env("api").get("S3_SSE");
        assertThat(sse).isIn("aes256", "none");
        if (sse.equals("aes256")) {
            // SSE-S3 needs a KMS key in MinIO: its built-in single key (no KES)
            assertThat(env("minio").get("MINIO_KMS_SECRET_KEY")).matches("[a-z0-9-]+:\\$\\{MINIO_KMS_KEY:\\?[^}]+}");
        }
        String store = read("server/src/main/java/io/rcmos/server/artifacts/S3ArtifactStore.java");
        assertThat(store).contains("ServerSideEncryption.AES256").doesNotContain("AWS_KMS").doesNotContain("ssekms");
        assertThat(String.join(" ", list(service("minio-bucket").get("command")))).contains("--with-lock").contains("encrypt set sse-s3");
    }

    @Test
    void theImageRunsOnDebianWithItsChromiumAndNode() throws IOException {
        String dockerfile = read("Dockerfile");
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        assertThat(runtime).startsWith("\nFROM debian:");
        assertThat(runtime).containsPattern("apt-get install[^\\n]*openjdk-17-jre-headless[^\\n]*chromium[^\\n]*nodejs");
        assertThat(runtime).contains("RCM_CHROMIUM=/usr/bin/chromium").contains("PLAYWRIGHT_NODEJS_PATH=/usr/bin/node")
                .contains("USER rcm");
        assertThat(read("agent/src/main/java/io/rcmos/agent/browser/BrowserSettings.java")).contains("getenv(\"RCM_CHROMIUM\")");
    }

    @Test
    void envExampleCoversEveryInterpolatedVariable() throws IOException {
        String composeText = read("infra/docker-compose.yml");
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
        for (SharedKeys.Key key : SharedKeys.Key.values()) {
            if (key != SharedKeys.Key.ARTIFACT_ENCRYPTION) {
                assertThat(declared).as(".env.example names the shared key " + key.variable()).contains(key.variable());
            }
        }
    }
}
