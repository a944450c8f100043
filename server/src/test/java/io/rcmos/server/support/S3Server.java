package io.rcmos.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * An S3-compatible server (Adobe S3Mock, copied to {@code target/test-tools} by the build) run as a process of its own
 * for one test class, with {@code bucket} created. Skips the test when the jar is missing, or fails it when services
 * are required.
 */
public final class S3Server implements AutoCloseable {

    private final Process process;
    private final int port;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static S3Server start(String bucket) throws IOException {
        Path jar = Path.of("target/test-tools/s3mock-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the S3 test server jar is missing: " + jar.toAbsolutePath()
                    + " (Maven's process-test-resources phase copies it there)");
        }
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx256m", "-jar", jar.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + port, "--server.port=" + freePort(),
                "--com.adobe.testing.s3mock.httpsPort=" + freePort(), "--logging.level.root=WARN");
        pb.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", bucket);
        pb.redirectErrorStream(true);
        pb.redirectOutput(Path.of("target/s3mock-" + bucket + ".log").toFile());
        S3Server server = new S3Server(pb.start(), port);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + bucket)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return server;
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
