package io.rcmos.server.batches;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.BatchFiles;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches end to end on the shared application: upload → row checks → runs (the test channel, so 5,000 rows take
 * minutes, not the payer's pace) → export; a re-upload; refused files; NDJSON, multipart and mappings; cancel.
 */
class BatchesIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private Http.Response upload(String query, String contentType, byte[] body) {
        return http(Role.OPERATOR).send(http(Role.OPERATOR).builder("/batches?" + query).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private JsonNode awaitFinished(String batchId, Duration atMost) {
        Http viewer = http(Role.VIEWER);
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> !viewer.get("/batches/" + batchId).json().get("finished_at").isNull());
        return viewer.get("/batches/" + batchId).json();
    }

    private long batchCount() {
        return jdbc.sql("select count(*) from batches").query(Long.class).single();
    }

    @Test
    void aFiveThousandRowFileWithBadRowsRunsEveryGoodRowAndExportsOneLinePerInputRow() throws IOException {
        String tag = "B" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        BatchFiles.File file = BatchFiles.eligibility(5000, tag);
        assertThat(file.bad().size()).isBetween(250, 400);
        byte[] bytes = file.csv().getBytes(StandardCharsets.UTF_8);

        Http.Response created = upload("purpose=eligibility&payer_id=87726&route=test&file_name=clinic-tomorrow.csv", "text/csv", bytes);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String batchId = created.json().get("batch_id").asString();
        assertThat(created.json().get("counts").get("total").asLong()).isEqualTo(5000);
        assertThat(created.json().get("counts").get("invalid").asLong()).isEqualTo(file.bad().size());
        assertThat(created.json().get("ignored_columns").size()).as("every column of the file is understood").isZero();

        // the error report: every bad row, with its row, line, the file's own column name and the reason
        List<JsonNode> errors = http(Role.VIEWER).get("/batches/" + batchId + "/errors").json().valueStream().toList();
        Map<Long, JsonNode> byRow = new HashMap<>();
        errors.forEach(e -> byRow.putIfAbsent(e.get("row").asLong(), e));
        assertThat(byRow.keySet()).containsExactlyInAnyOrderElementsOf(file.bad().stream().map(BatchFiles.Expected::row).toList());
        for (BatchFiles.Expected expected : file.bad()) {
            JsonNode e = byRow.get(expected.row());
            assertThat(e.get("line").asLong()).as("row %d", expected.row()).isEqualTo(expected.row() + 1);
            if (expected.column() != null) {
                assertThat(e.get("column").asString()).as("row %d: %s", expected.row(), e).isEqualTo(expected.column());
            }
            assertThat(e.get("message").asString()).as("row %d: %s", expected.row(), e).contains(expected.message());
        }
        assertThat(errors.toString()).as("no values in the report").doesNotContain(tag + "000050").doesNotContain("02/30/1980");

        JsonNode done = awaitFinished(batchId, Duration.ofMinutes(8));
        assertThat(done.get("status").asString()).isEqualTo("completed");
        JsonNode counts = done.get("counts");
        assertThat(counts.get("succeeded").asLong()).isEqualTo(5000 - file.bad().size());
        assertThat(counts.get("failed").asLong()).isZero();
        assertThat(counts.get("pending").asLong() + counts.get("queued").asLong() + counts.get("running").asLong()).isZero();
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(jdbc.sql("select count(*) from runs where batch_id = ?::uuid").param(batchId).query(Long.class).single())
                .isEqualTo(5000 - file.bad().size());
        assertThat(jdbc.sql("select count(*) from outbox_events where batch_id = ?::uuid and type = 'batch.progressed'")
                .param(batchId).query(Long.class).single()).as("progress events at a sensible rate").isBetween(2L, 1000L);

        // the export lines up with the input: one line per row, in order
        Http.Response results = http(Role.OPERATOR).get("/batches/" + batchId + "/results?format=csv");
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.header("Content-Type")).startsWith("text/csv");
        String csv = results.body();
        assertThat(csv).as("the uploaded columns first, then the answer's")
                .startsWith("\uFEFFMember ID,First Name,Last Name,DOB,NPI,Practice,Service Type,row,line,outcome,run_id,source,route,coverage_status");
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv.substring(1)))) {
            records = parser.getRecords();
        }
        assertThat(records).hasSize(5000);
        java.util.Set<Long> badRows = new java.util.HashSet<>(byRow.keySet());
        for (int i = 0; i < 5000; i++) {
            CSVRecord r = records.get(i);
            assertThat(r.get("row")).isEqualTo(String.valueOf(i + 1));
            if (badRows.contains((long) i + 1)) {
                assertThat(r.get("outcome")).isEqualTo("invalid");
                assertThat(r.get("error_code")).isEqualTo("invalid_row");
                assertThat(r.get("run_id")).isEmpty();
            } else {
                assertThat(r.get("outcome")).as("row %d", i + 1).isEqualTo("succeeded");
                assertThat(r.get("coverage_status")).isEqualTo("active");
                assertThat(r.get("copay")).isEqualTo("20.00");
                assertThat(r.get("run_id")).hasSize(36);
            }
        }
        assertThat(records.get(49).get("error_message")).isEqualTo("NPI: is not a valid NPI (check digit)");

        JsonNode json = http(Role.OPERATOR).get("/batches/" + batchId + "/results?format=json").json();
        assertThat(json.size()).isEqualTo(5000);
        assertThat(json.get(0).get("output").get("coverage_status").asString()).isEqualTo("active");
        assertThat(http(Role.VIEWER).get("/batches/" + batchId + "/results").status()).as("results carry PHI").isEqualTo(403);

        // a re-upload of the same file returns the same runs and creates none
        long runsBefore = jdbc.sql("select count(*) from runs").query(Long.class).single();
        Http.Response again = upload("purpose=eligibility&payer_id=87726&route=test", "text/csv", bytes);
        assertThat(again.status()).isEqualTo(201);
        String second = again.json().get("batch_id").asString();
        awaitFinished(second, Duration.ofMinutes(3));
        assertThat(jdbc.sql("select count(*) from runs").query(Long.class).single()).isEqualTo(runsBefore);
        assertThat(jdbc.sql("""
                        select count(*) from batch_items a join batch_items b on a.row_number = b.row_number
                        where a.batch_id = ?::uuid and b.batch_id = ?::uuid and a.run_id is distinct from b.run_id""")
                .params(batchId, second).query(Long.class).single()).isZero();
    }

    @Test
    void filesThatAreNotUsableAreRefusedWholeAndNothingIsStored() {
        long before = batchCount();
        Http.Response empty = upload("purpose=eligibility&payer_id=87726", "text/csv", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("code").asString()).isEqualTo("empty_file");

        Http.Response binary = upload("purpose=eligibility&payer_id=87726", "text/csv", new byte[]{'P', 'K', 3, 4, 0, 0, 1});
        assertThat(binary.json().get("code").asString()).isEqualTo("not_csv_or_ndjson");

        Http.Response noHeader = upload("purpose=eligibility&payer_id=87726", "text/csv",
                "Lorem ipsum dolor sit amet\nconsectetur adipiscing\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.json().get("code").asString()).isEqualTo("no_usable_header");
        assertThat(noHeader.json().get("detail").asString()).contains("npi").contains("is line 1 a header?")
                .as("line 1 may be a patient's row: never echoed").doesNotContain("Lorem");

        Http.Response headerOnly = upload("purpose=eligibility&payer_id=87726", "text/csv", "Member ID,NPI\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(headerOnly.json().get("code").asString()).isEqualTo("empty_file");

        Http.Response broken = upload("purpose=eligibility&payer_id=87726", "text/csv",
                "Member ID,NPI\nA1,1999999984\nA2,\"1999999984\n".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("code").asString()).isEqualTo("malformed_csv");
        assertThat(broken.json().get("errors").get(0).get("line").asLong()).isEqualTo(3);

        Http.Response latin1 = upload("purpose=eligibility&payer_id=87726", "text/csv",
                "Member ID,Last Name,NPI\nA1,Müller,1999999984\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.json().get("code").asString()).isEqualTo("not_utf8");

        Http.Response noPayer = upload("purpose=eligibility", "text/csv", "Member ID,NPI\nA1,1999999984\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noPayer.status()).isEqualTo(422);
        assertThat(noPayer.json().get("detail").asString()).contains("payer_id");

        assertThat(upload("payer_id=87726", "text/csv", "Member ID,NPI\n".getBytes(StandardCharsets.UTF_8)).json()
                .get("errors").get(0).get("field").asString()).isEqualTo("purpose");
        assertThat(upload("purpose=eligibility&payer_id=87726&mapping=%7B%22X%22%3A%22shoe%22%7D", "text/csv",
                "X,NPI\n".getBytes(StandardCharsets.UTF_8)).json().get("errors").get(0).get("field").asString()).isEqualTo("mapping");
        assertThat(upload("purpose=eligibility&payer_id=87726", "application/pdf", new byte[]{1}).status()).isEqualTo(415);
        assertThat(batchCount()).as("nothing stored").isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from batch_items where batch_id not in (select batch_id from batches)").query(Long.class).single()).isZero();
    }

    @Test
    void ndjsonMultipartMappingsAndDryRuns() throws Exception {
        String tag = "N" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        String ndjson = """
                {"Subscriber ID": "%s1", "Date of Birth": "1980-01-31", "Provider NPI": "1999999984", "Organization": "Sunrise", "payer": "87726"}
                {"purpose": "eligibility", "route": "test", "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise"}, "subscriber": {"member_id": "%s2", "last_name": "Roe"}}}
                {"Subscriber ID": "%s3", "Provider NPI": "12"}
                {"Subscriber ID": "%s7", "Provider NPI": "1999999984", "Organization": "Sun\\u0000rise", "payer": ""}
                """.formatted(tag, tag, tag, tag);
        Http.Response created = upload("purpose=eligibility&payer_id=87726&route=test", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("counts").get("valid").asLong()).isEqualTo(2);
        JsonNode error = created.json().get("errors").get(0);
        assertThat(error.get("row").asLong()).isEqualTo(3);
        assertThat(error.get("column").asString()).isEqualTo("Provider NPI");
        // row 3 lists every problem (its NPI, and a provider without a name); row 4's follow
        JsonNode nul = created.json().get("errors").valueStream().filter(e -> e.get("row").asLong() != 3).findFirst().orElseThrow();
        assertThat(nul.get("row").asLong()).isEqualTo(4);
        assertThat(nul.get("column").asString()).as("a blank payer cell takes the upload's payer_id").isEqualTo("Organization");
        assertThat(nul.get("message").asString()).contains("control characters");
        String batchId = created.json().get("batch_id").asString();
        assertThat(awaitFinished(batchId, Duration.ofSeconds(60)).get("counts").get("succeeded").asLong()).isEqualTo(2);

        // a mapping for columns no alias knows, a dry run that stores nothing
        long before = batchCount();
        String csv = "Ref,Born,Doc,Clinic\n" + tag + "4,1970-05-05,1999999984,Sunrise\n" + tag + "5,1970-05-05,1999999984,Sunrise\n"
                + tag + "5,1970-05-05,1999999984,Sunrise\n";
        String mapping = java.net.URLEncoder.encode("{\"Ref\":\"member_id\",\"Born\":\"date_of_birth\",\"Doc\":\"npi\"}", StandardCharsets.UTF_8);
        Http.Response dry = upload("purpose=eligibility&payer_id=87726&route=test&dry_run=true&mapping=" + mapping, "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("batch_id").isNull()).isTrue();
        assertThat(dry.json().get("counts").get("valid").asLong()).isEqualTo(2);
        assertThat(dry.json().get("duplicates").asLong()).isEqualTo(1);
        assertThat(dry.json().get("errors").get(0).get("message").asString()).isEqualTo("repeats row 2: the same question is asked once");
        assertThat(batchCount()).isEqualTo(before);

        // multipart, as a browser form sends it
        String boundary = "----rcm" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\neligibility\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"payer_id\"\r\n\r\n87726\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"route\"\r\n\r\ntest\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                + "Member ID,DOB,NPI,Practice\r\n" + tag + "6,1980-01-31,1999999984,Sunrise\r\n"
                + "\r\n--" + boundary + "--\r\n";
        Http op = http(Role.OPERATOR);
        Http.Response form = op.send(op.builder("/batches").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertThat(form.status()).as(form.body()).isEqualTo(201);
        assertThat(form.json().get("counts").get("valid").asLong()).isEqualTo(1);
    }

    @Test
    void cancelStopsNewStartsAndTheRunsAlreadyStartedFinish() {
        // Aetna's clearinghouse limit (5/s) keeps most of 400 rows waiting while we cancel
        StringBuilder csv = new StringBuilder("Member ID,First Name,Last Name,DOB,NPI,Practice\n");
        for (int i = 0; i < 400; i++) {
            csv.append("SIM").append(String.format("%07d", Math.abs((UUID.randomUUID().hashCode()) % 10_000_000))).append("0,Ann,Lee,1990-01-01,1999999984,Sunrise\n");
        }
        Http.Response created = upload("purpose=eligibility&payer_id=60054&route=clearinghouse", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String batchId = created.json().get("batch_id").asString();
        long valid = created.json().get("counts").get("valid").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> http(Role.VIEWER).get("/batches/" + batchId).json().get("counts").get("succeeded").asLong() > 0);
        JsonNode canceled = http(Role.OPERATOR).postJson("/batches/" + batchId + "/cancel", "{}").json();
        assertThat(canceled.get("status").asString()).isEqualTo("canceled");
        JsonNode done = awaitFinished(batchId, Duration.ofSeconds(120));
        JsonNode counts = done.get("counts");
        assertThat(counts.get("canceled").asLong()).as(done.toString()).isPositive();
        assertThat(counts.get("succeeded").asLong() + counts.get("canceled").asLong() + counts.get("failed").asLong()).isEqualTo(valid);
        long runs = jdbc.sql("select count(*) from runs where batch_id = ?::uuid").param(batchId).query(Long.class).single();
        assertThat(runs).as("no run started after the cancel").isEqualTo(counts.get("succeeded").asLong() + counts.get("failed").asLong());
        assertThat(jdbc.sql("select count(*) from outbox_events where batch_id = ?::uuid and type in ('batch.canceled', 'batch.completed')")
                .param(batchId).query(Long.class).single()).isEqualTo(2);
    }
}
