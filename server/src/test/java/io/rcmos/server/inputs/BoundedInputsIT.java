package io.rcmos.server.inputs;

import io.rcmos.server.platform.RcmHome;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.BoundedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bounded inputs at the socket: limits are applied before a body is read, an upload is spooled sealed and holds no
 * database transaction while the client is still sending, and the spool is gone afterwards.
 */
class BoundedInputsIT extends BoundedContext {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RcmHome home;

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        return s;
    }

    /** The status line and the rest of the answer (read until the server closes or the body ends). */
    private static String answer(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            String text = out.toString(StandardCharsets.UTF_8);
            int headersEnd = text.indexOf("\r\n\r\n");
            if (headersEnd > 0 && (text.endsWith("}") || text.endsWith("0\r\n\r\n"))) {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWebhookLargerThanItsLimitIsRefusedBeforeItsBodyIsSent() throws IOException {
        try (Socket s = open()) {
            OutputStream out = s.getOutputStream();
            // headers only: a server that read the body (to check a signature) would wait here for 10 MB that never come
            out.write(("POST /webhooks/stedi HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "webhook-id: msg_1\r\nwebhook-timestamp: 1\r\nwebhook-signature: v1,bm9wZQ==\r\n"
                    + "Content-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = answer(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("body_too_large").contains("262144").contains("application/problem+json");
        }
    }

    @Test
    void aRunBodyLargerThanTheLimitIsRefusedBeforeItIsSentAndBeforeAuthentication() throws IOException {
        try (Socket s = open()) {
            s.getOutputStream().write(("POST /runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = answer(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("65536");
        }
    }

    private long openTransactions() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'"
                + " and pid <> pg_backend_pid()").query(Long.class).single();
    }

    private List<Path> spools() throws IOException {
        Path dir = home.root().resolve("tmp/uploads");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void aSlowUploadHoldsNoTransactionIsSpooledSealedAndLeavesNothingBehind() throws Exception {
        String marker = "SPOOLMARK" + System.nanoTime();
        StringBuilder rows = new StringBuilder("Member ID,First Name,Last Name,DOB,NPI\n");
        int n = 0;
        while (rows.length() < 150_000) {
            rows.append(marker).append(n++).append(",John,Doe,1980-01-31,1999999984\n");
        }
        byte[] first = rows.toString().getBytes(StandardCharsets.UTF_8);
        byte[] last = (marker + "LAST,Jane,Roe,1975-05-05,1999999984\n").getBytes(StandardCharsets.UTF_8);
        List<Path> before = spools();
        try (Socket s = open()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /batches?purpose=eligibility&payer_id=87726&route=test&dry_run=true HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + tokens().bearer(Role.OPERATOR) + "\r\nContent-Type: text/csv\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, first);
            // the client is still sending: the file is being spooled, sealed, and no transaction waits on it
            await().atMost(Duration.ofSeconds(10)).until(() -> spools().size() > before.size());
            Path spool = spools().stream().filter(p -> !before.contains(p)).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(spool) > 65_536);
            byte[] onDisk = Files.readAllBytes(spool);
            assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain(marker).doesNotContain("1980-01-31");
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> openTransactions() == 0);

            chunk(out, last);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = answer(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"status\":\"dry_run\"").contains("\"total\":" + (n + 1));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> spools().equals(before));
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void aRefusedUploadLeavesNoSpool() throws IOException {
        List<Path> before = spools();
        var r = http(Role.OPERATOR).send("POST", "/batches?purpose=eligibility&payer_id=87726", "text/csv",
                "Member ID,NPI\n" + "UHC1,1999999984\n".repeat(70_000));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("limit_bytes").asLong()).isEqualTo(UPLOAD_BYTES);
        assertThat(spools()).isEqualTo(before);
    }

    @Test
    void multipartUploadsStillWorkAndParametersMayComeAsFormFields() {
        String boundary = "----bounded";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\neligibility\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "Member ID,Last Name,DOB,NPI\nUHC202649,Doe,1980-01-31,1999999984\n"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"payer_id\"\r\n\r\n87726\r\n"
                + "--" + boundary + "--\r\n";
        var r = http(Role.OPERATOR).send("POST", "/batches/preview?route=test", "multipart/form-data; boundary=" + boundary, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"total\":1");
    }
}
