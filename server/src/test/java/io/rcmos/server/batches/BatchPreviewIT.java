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

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /batches/preview} (the mapping, the first rows, what an upload would do; nothing stored), the wider
 * header aliases of a billing export, and results that echo the uploaded row's own cells.
 */
class BatchPreviewIT extends IntegrationTest {

    private static final String HEADER = "Provider,NPI,Patient First Name,Patient Last Name,Insurance ID,Subscriber DOB,DOS,Notes";

    @Autowired
    JdbcClient jdbc;

    private Http.Response post(String path, String query, String contentType, byte[] body) {
        Http op = http(Role.OPERATOR);
        return op.send(op.builder(path + "?" + query).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private long stored() {
        return jdbc.sql("select (select count(*) from batches) + (select count(*) from batch_items)").query(Long.class).single();
    }

    /** A billing export: row 7 has a bad NPI, row 12 repeats row 11. */
    private static String export(String tag, int rows) {
        String dos = LocalDate.now().format(DateTimeFormatter.ofPattern("MM/dd/yyyy"));
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int n = 1; n <= rows; n++) {
            int id = n == 12 ? 11 : n;
            String npi = n == 7 ? "1234567890" : "1999999984";
            csv.append("\"Sunrise Clinic, LLC\",").append(npi).append(",Pat,Doe").append(id).append(',').append(tag).append(String.format("%04d", id))
                    .append(",01/31/1980,").append(dos).append(',').append(n == 3 ? "=SUM(1)" : "note " + n).append("\r\n");
        }
        return csv.toString();
    }

    @Test
    void aPreviewShowsTheMappingTheFirstRowsAndWhatAnUploadWouldDoAndStoresNothing() {
        String tag = "PV" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        long before = stored();
        Http.Response r = post("/batches/preview", "purpose=eligibility&payer_id=87726&route=test", "text/csv",
                ("\uFEFF" + export(tag, 50)).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.get("format").asString()).isEqualTo("csv");

        JsonNode columns = p.get("columns");
        assertThat(columns.valueStream().map(c -> c.get("name").asString())).containsExactly(HEADER.split(","));
        assertThat(columns.valueStream().map(c -> c.get("field").asString(null))).containsExactly("organization_name", "npi",
                "first_name", "last_name", "member_id", "date_of_birth", "date_of_service", null);
        assertThat(columns.get(0).get("how").asString()).isEqualTo("alias");
        assertThat(columns.get(7).get("how").asString()).isEqualTo("unmapped");
        assertThat(columns.get(7).get("suggested_field").isNull()).isTrue();

        JsonNode npi = p.get("fields").valueStream().filter(f -> f.get("field").asString().equals("npi")).findFirst().orElseThrow();
        assertThat(npi.get("required").asBoolean()).isTrue();
        assertThat(npi.get("label").asString()).isEqualTo("Provider NPI");
        assertThat(p.get("fields").valueStream().map(f -> f.get("field").asString())).contains("member_id", "date_of_service")
                .doesNotContain("patient_control_number");
        assertThat(p.get("fields").valueStream().filter(f -> f.get("field").asString().equals("payer_id")).findFirst().orElseThrow()
                .get("required").asBoolean()).as("the upload names the payer").isFalse();

        JsonNode rows = p.get("rows");
        assertThat(rows.size()).isEqualTo(20);
        assertThat(rows.get(0).get("row").asLong()).isEqualTo(1);
        assertThat(rows.get(0).get("line").asLong()).isEqualTo(2);
        assertThat(rows.get(0).get("cells").propertyNames()).containsExactly(HEADER.split(","));
        assertThat(rows.get(0).get("cells").get("Provider").asString()).isEqualTo("Sunrise Clinic, LLC");
        assertThat(rows.get(0).get("cells").get("Insurance ID").asString()).isEqualTo(tag + "0001");
        assertThat(rows.get(19).get("row").asLong()).isEqualTo(20);

        assertThat(p.get("counts").get("total").asLong()).isEqualTo(50);
        assertThat(p.get("counts").get("valid").asLong()).as("a Provider column and an NPI make valid rows").isEqualTo(48);
        assertThat(p.get("counts").get("invalid").asLong()).isEqualTo(2);
        assertThat(p.get("duplicates").asLong()).isEqualTo(1);
        assertThat(p.get("errors").valueStream().map(e -> e.get("row").asLong() + " " + e.get("column").asString("") + " "
                + e.get("message").asString())).containsExactly("7 NPI is not a valid NPI (check digit)",
                "12  repeats row 11: the same question is asked once");
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aPreviewTakesTheUploadsFormsMappingsAndRefusals() {
        long before = stored();
        String mapping = URLEncoder.encode("{\"Ref\":\"member_id\"}", StandardCharsets.UTF_8);
        JsonNode mapped = post("/batches/preview", "purpose=eligibility&payer_id=87726&route=test&mapping=" + mapping, "text/csv",
                "Ref,Provider NPI,Clinic,Pt Birth Date\nA1,1999999984,Sunrise,1980-01-31\n".getBytes(StandardCharsets.UTF_8)).json();
        assertThat(mapped.get("columns").get(0).get("how").asString()).isEqualTo("mapping");
        assertThat(mapped.get("columns").get(0).get("field").asString()).isEqualTo("member_id");
        assertThat(mapped.get("columns").get(3).get("field").isNull()).isTrue();
        assertThat(mapped.get("columns").get(3).get("suggested_field").asString()).isEqualTo("date_of_birth");
        assertThat(mapped.get("counts").get("valid").asLong()).isEqualTo(1);

        // NDJSON as a browser's multipart form sends it
        String boundary = "----rcm" + UUID.randomUUID();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.ndjson\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "{\"Insurance ID\": \"N1\", \"NPI\": \"1999999984\", \"Facility\": \"Sunrise\", \"payer\": \"87726\"}\n"
                + "not json\n\r\n--" + boundary + "--\r\n";
        Http.Response multipart = post("/batches/preview", "purpose=eligibility&route=test", "multipart/form-data; boundary=" + boundary,
                form.getBytes(StandardCharsets.UTF_8));
        assertThat(multipart.status()).as(multipart.body()).isEqualTo(200);
        assertThat(multipart.json().get("format").asString()).isEqualTo("ndjson");
        assertThat(multipart.json().get("counts").get("valid").asLong()).isEqualTo(1);
        assertThat(multipart.json().get("rows").get(1).get("cells").isNull()).as("a line that is not an object has no cells").isTrue();

        // the same whole-file refusals and parameter problems as POST /batches, each naming what is wrong
        Http.Response empty = post("/batches/preview", "purpose=eligibility&payer_id=87726", "text/csv", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("code").asString()).isEqualTo("empty_file");
        Http.Response noHeader = post("/batches/preview", "purpose=eligibility&payer_id=87726", "text/csv",
                "Lorem ipsum\ndolor\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.json().get("code").asString()).isEqualTo("no_usable_header");
        Http.Response broken = post("/batches/preview", "purpose=eligibility&payer_id=87726", "text/csv",
                "Member ID,NPI\nA1,1999999984\nA2,\"1999999984\n".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.json().get("code").asString()).isEqualTo("malformed_csv");
        assertThat(broken.json().get("errors").get(0).get("line").asLong()).isEqualTo(3);
        for (String[] bad : new String[][]{{"payer_id=87726", "purpose"}, {"purpose=eligibility&dry_run=true", "dry_run"},
                {"purpose=eligibility&route=fax", "route"}, {"purpose=eligibility&mapping=%7B%22X%22%3A%22shoe%22%7D", "mapping"}}) {
            Http.Response r = post("/batches/preview", bad[0], "text/csv", "Member ID,NPI\nA,1999999984\n".getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        String noFile = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\neligibility\r\n--" + boundary + "--\r\n";
        Http.Response missing = post("/batches/preview", "payer_id=87726", "multipart/form-data; boundary=" + boundary,
                noFile.getBytes(StandardCharsets.UTF_8));
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(post("/batches/preview", "purpose=eligibility", "application/pdf", new byte[]{1}).status()).isEqualTo(415);
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aRefusedRowListsEveryProblemEachByItsColumn() {
        long before = stored();
        String csv = "Member ID,NPI,Clinic,DOB,Last Name,Payer\n"
                + "A1,1999999985,Sunrise,02/31/1980,Doe,87726\n"
                + "A2,1999999984,Sunrise,01/31/1980,Do~e,87 726\n"
                + "A3,1999999984,Sunrise,01/31/1980,Doe,87726\n";
        JsonNode p = post("/batches/preview", "purpose=eligibility&route=test", "text/csv", csv.getBytes(StandardCharsets.UTF_8)).json();
        assertThat(p.get("counts").get("invalid").asLong()).as(p.get("errors").toString()).isEqualTo(2);
        assertThat(p.get("errors").valueStream().map(e -> e.get("row").asLong() + " " + e.get("column").asString("") + " "
                + e.get("field").asString(""))).containsExactlyInAnyOrder(
                "1 NPI input.provider.npi", "1 DOB input.subscriber.date_of_birth",
                "2 Last Name input.subscriber.last_name", "2 Payer payer_id");
        assertThat(p.get("errors").toString()).doesNotContain("io.rcmos").doesNotContain("Exception");

        // an NDJSON row that is a run request: its problems are named by their JSON path
        String ndjson = "{\"input\": {\"provider\": {\"npi\": \"1999999985\", \"organization_name\": \"Sunrise\"},"
                + " \"subscriber\": {\"member_idd\": \"A4\", \"last_name\": \"Doe\", \"date_of_birth\": \"1980-02-31\"}}}\n";
        JsonNode n = post("/batches/preview", "purpose=eligibility&payer_id=87726&route=test", "application/x-ndjson",
                ndjson.getBytes(StandardCharsets.UTF_8)).json();
        assertThat(n.get("errors").valueStream().map(e -> e.get("field").asString())).containsExactlyInAnyOrder(
                "input.provider.npi", "input.subscriber.member_idd", "input.subscriber.date_of_birth");
        assertThat(n.get("errors").valueStream().map(e -> e.get("message").asString()))
                .contains("is not a known field (did you mean member_id?)");
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aLargeFilePreviewCountsEveryRowAndReturnsOnlyTheFirstRows() {
        String tag = "PL" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        BatchFiles.File file = BatchFiles.eligibility(3000, tag);
        JsonNode p = post("/batches/preview", "purpose=eligibility&payer_id=87726&route=test", "text/csv",
                file.csv().getBytes(StandardCharsets.UTF_8)).json();
        assertThat(p.get("counts").get("total").asLong()).isEqualTo(3000);
        assertThat(p.get("counts").get("invalid").asLong()).isEqualTo(file.bad().size());
        assertThat(p.get("rows").size()).isEqualTo(20);
        assertThat(p.get("errors").size()).isEqualTo(100);
    }

    @Test
    void resultsEchoTheUploadedRowsOwnCellsBesideTheAnswer() throws Exception {
        String tag = "PR" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        Http.Response created = post("/batches", "purpose=eligibility&payer_id=87726&route=test", "text/csv",
                export(tag, 8).getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("ignored_columns").valueStream().map(JsonNode::asString)).containsExactly("Notes");
        String batchId = created.json().get("batch_id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !http(Role.VIEWER).get("/batches/" + batchId).json().get("finished_at").isNull());

        JsonNode json = http(Role.OPERATOR).get("/batches/" + batchId + "/results?format=json").json();
        assertThat(json.size()).isEqualTo(8);
        assertThat(json.get(0).get("outcome").asString()).isEqualTo("succeeded");
        assertThat(json.get(0).get("cells").propertyNames()).containsExactly(HEADER.split(","));
        assertThat(json.get(0).get("cells").get("Insurance ID").asString()).isEqualTo(tag + "0001");
        assertThat(json.get(6).get("outcome").asString()).isEqualTo("invalid");
        assertThat(json.get(6).get("cells").get("NPI").asString()).as("refused rows keep their cells too").isEqualTo("1234567890");

        Http.Response csv = http(Role.OPERATOR).get("/batches/" + batchId + "/results?format=csv");
        assertThat(csv.body()).startsWith("\uFEFF" + HEADER + ",row,line,outcome,run_id,source,route,coverage_status");
        assertThat(csv.body()).contains("\r\n");
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body().substring(1)))) {
            records = parser.getRecords();
        }
        assertThat(records).hasSize(8);
        Map<String, String> third = records.get(2).toMap();
        assertThat(third).containsEntry("Provider", "Sunrise Clinic, LLC").containsEntry("Insurance ID", tag + "0003")
                .containsEntry("Notes", "'=SUM(1)").containsEntry("row", "3").containsEntry("outcome", "succeeded")
                .containsEntry("coverage_status", "active");
        assertThat(http(Role.VIEWER).get("/batches/" + batchId + "/results?format=json").status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from outbox_events where batch_id = ?::uuid and payload::text like ?")
                .params(batchId, "%" + tag + "%").query(Long.class).single()).as("no cells in events").isZero();
    }
}
