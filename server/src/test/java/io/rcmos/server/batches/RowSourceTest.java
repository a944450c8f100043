package io.rcmos.server.batches;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowSourceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<RowSource.Row> rows(String format, byte[] bytes, Map<String, String> mapping) {
        List<RowSource.Row> out = new ArrayList<>();
        try (RowSource source = RowSource.open(format, new ByteArrayInputStream(bytes), mapping, JSON)) {
            for (RowSource.Row r = source.next(); r != null; r = source.next()) {
                out.add(r);
            }
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csvWithBomCrlfQuotesAndAliasHeadersReadsRowByRowWithLines() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "Member ID,Date of Birth,\"Last Name\",NPI,Notes\r\n"
                + "M1,01/31/1980,\"O'Brien, Jr.\",1999999984,x\r\n"
                + "\r\n"
                + "M2,1980-02-01,\"Multi\nLine\",1999999984,\r\n";
        byte[] bytes = new byte[bom.length + utf8(text).length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(utf8(text), 0, bytes, 3, utf8(text).length);
        List<RowSource.Row> rows = rows("csv", bytes, Map.of());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).fields()).containsEntry("member_id", "M1").containsEntry("date_of_birth", "01/31/1980")
                .containsEntry("last_name", "O'Brien, Jr.").containsEntry("npi", "1999999984").doesNotContainKey("notes");
        assertThat(rows.get(0).number()).isEqualTo(1);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(1).fields()).containsEntry("last_name", "Multi\nLine");
        assertThat(rows.get(1).number()).isEqualTo(2);
    }

    @Test
    void anExplicitMappingWinsAndUnknownColumnsAreListed() {
        try (RowSource source = RowSource.open("csv", new ByteArrayInputStream(utf8("Patient Ref,Birth,Provider\nA,2000-01-01,1999999984\n")),
                Map.of("Patient Ref", "member_id", "Birth", "date_of_birth", "Provider", "npi"), JSON)) {
            RowSource.Row row = source.next();
            assertThat(row.fields()).containsEntry("member_id", "A").containsEntry("npi", "1999999984");
            assertThat(source.header().column("member_id")).isEqualTo("Patient Ref");
        }
        try (RowSource source = RowSource.open("csv", new ByteArrayInputStream(utf8("Member ID,Shoe Size\nA,9\n")), Map.of(), JSON)) {
            assertThat(source.header().ignored()).containsExactly("Shoe Size");
        }
    }

    @Test
    void eachRowKeepsItsOwnCellsInFileOrder() {
        List<RowSource.Row> rows = rows("csv", utf8("Provider,NPI,Notes,,Notes\r\nSunrise,1999999984,\"a, b\",x,=1\r\nDawn,1999999984\r\n"), Map.of());
        assertThat(rows.get(0).cells()).containsExactly(Map.entry("Provider", "Sunrise"), Map.entry("NPI", "1999999984"),
                Map.entry("Notes", "a, b"), Map.entry("Notes (2)", "=1"));
        assertThat(rows.get(0).fields()).containsEntry("organization_name", "Sunrise");
        assertThat(rows.get(1).cells()).containsEntry("Provider", "Dawn").containsEntry("Notes", null);

        List<RowSource.Row> lines = rows("ndjson", utf8("""
                {"Member ID": "A", "service_type_codes": ["30", "98"], "extra": null}
                {"purpose": "eligibility", "input": {"subscriber": {"member_id": "B"}}}
                not json
                """), Map.of());
        assertThat(lines.get(0).cells()).containsKeys("Member ID", "service_type_codes", "extra").containsEntry("Member ID", "A")
                .containsEntry("service_type_codes", "30,98").containsEntry("extra", null);
        assertThat(List.copyOf(lines.get(0).cells().keySet())).containsExactly("Member ID", "service_type_codes", "extra");
        assertThat(lines.get(1).cells()).containsExactly(Map.entry("purpose", "eligibility"), Map.entry("input.subscriber.member_id", "B"));
        assertThat(lines.get(2).cells()).isNull();
    }

    @Test
    void extraCellsBeyondTheHeaderAreARowProblem() {
        List<RowSource.Row> rows = rows("csv", utf8("Member ID,NPI\nA,1999999984,,\nB,1999999984,oops\n"), Map.of());
        assertThat(rows.get(0).problem()).isNull();
        assertThat(rows.get(1).problem()).isEqualTo("has 3 cells but the header names 2 columns");
    }

    @Test
    void unreadableFilesAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> rows("csv", new byte[0], Map.of()))
                .isInstanceOfSatisfying(RowSource.FileUnreadable.class, e -> assertThat(e.code).isEqualTo("empty_file"));
        assertThatThrownBy(() -> rows("csv", new byte[]{'%', 'P', 'D', 'F', 0, 1, 2}, Map.of()))
                .isInstanceOfSatisfying(RowSource.FileUnreadable.class, e -> assertThat(e.code).isEqualTo("not_csv_or_ndjson"));
        assertThatThrownBy(() -> rows("csv", utf8("Member ID,NPI\nA,1\nB,\"unterminated\n"), Map.of()))
                .isInstanceOfSatisfying(RowSource.FileUnreadable.class, e -> {
                    assertThat(e.code).isEqualTo("malformed_csv");
                    assertThat(e.getMessage()).contains("line 3");
                });
        byte[] latin1 = "Member ID,Last Name\nA,Müller\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> rows("csv", latin1, Map.of()))
                .isInstanceOfSatisfying(RowSource.FileUnreadable.class, e -> assertThat(e.code).isEqualTo("not_utf8"));
        assertThatThrownBy(() -> rows("ndjson", utf8("member_id,npi\nA,1\n"), Map.of()))
                .isInstanceOfSatisfying(RowSource.FileUnreadable.class, e -> assertThat(e.code).isEqualTo("not_csv_or_ndjson"));
    }

    @Test
    void ndjsonRowsAreFlatObjectsOrRunRequestsAndABadLineIsARowProblem() {
        List<RowSource.Row> rows = rows("ndjson", utf8("""
                {"Member ID": "A", "DOB": "1980-01-31", "npi": "1999999984", "service_type_codes": ["30", "98"]}

                not json
                [1, 2]
                {"input": {"subscriber": {"member_id": "B"}}}
                """), Map.of());
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).fields()).containsEntry("member_id", "A").containsEntry("service_type_codes", "30,98");
        assertThat(rows.get(1).problem()).startsWith("is not valid JSON");
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(2).problem()).isEqualTo("is not a JSON object");
        assertThat(rows.get(3).request().at("/input/subscriber/member_id").asString()).isEqualTo("B");
        assertThat(rows.get(3).number()).isEqualTo(4);
    }

    @Test
    void datesInCommonFormsBecomeIsoAndImpossibleDatesStayForTheSchemaToName() {
        assertThat(RowRequests.date("01/31/1980")).isEqualTo("1980-01-31");
        assertThat(RowRequests.date("1/2/1980")).isEqualTo("1980-01-02");
        assertThat(RowRequests.date("19800131")).isEqualTo("1980-01-31");
        assertThat(RowRequests.date("02/30/1980")).isEqualTo("02/30/1980");
        assertThat(RowRequests.fieldOf("input.subscriber.date_of_birth")).isEqualTo("date_of_birth");
        assertThat(RowRequests.fieldOf("input.service_type_codes[1]")).isEqualTo("service_type_codes");
        assertThat(RowRequests.fieldOf("input.claim.service_date_to")).isEqualTo("service_date_to");
    }

    @Test
    void spreadsheetFormulaCellsAreNeutralised() {
        assertThat(ResultsFile.cell("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(ResultsFile.cell("+1")).isEqualTo("'+1");
        assertThat(ResultsFile.cell("-2")).isEqualTo("'-2");
        assertThat(ResultsFile.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ResultsFile.cell("\tx")).isEqualTo("'\tx");
        assertThat(ResultsFile.cell("active")).isEqualTo("active");
        assertThat(ResultsFile.cell(null)).isEmpty();
        assertThat(ResultsFile.cell(List.of("http://a", "http://b"))).isEqualTo("http://a http://b");
    }

    private static final RowSource.Limits SMALL = new RowSource.Limits(100, 10);

    private static List<RowSource.Row> limited(String format, String text) {
        List<RowSource.Row> out = new ArrayList<>();
        try (RowSource source = RowSource.open(format, new ByteArrayInputStream(utf8(text)), Map.of(), JSON, SMALL)) {
            for (RowSource.Row r = source.next(); r != null; r = source.next()) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void aCellPastTheLimitOrWithNulIsARowErrorNamingItsColumnAndIsNotKept() {
        // the NUL comes after the first 4 KB (a NUL there refuses the file as binary)
        List<RowSource.Row> rows = limited("csv", "Member ID,Last Name,NPI\nM1,ABCDEFGHIJK,1999999984\n"
                + "M3,Doe,1999999984\n".repeat(240) + "M2,Do\u0000e,1999999984\n");
        assertThat(rows.get(0).cellProblems()).containsExactly(new RowSource.CellProblem("Last Name", "last_name", "is longer than 10 characters"));
        assertThat(rows.get(0).cells().get("Last Name")).isNull();
        assertThat(rows.get(0).fields().get("last_name")).isNull();
        assertThat(rows.get(1).cellProblems()).isEmpty();
        RowSource.Row nul = rows.get(241);
        assertThat(nul.number()).isEqualTo(242);
        assertThat(nul.cellProblems()).extracting(RowSource.CellProblem::column, RowSource.CellProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Last Name", "must not contain control characters (it holds a NUL)"));
    }

    @Test
    void aCsvRecordPastTheLineLimitRefusesTheFileNamingWhereItStarts() {
        assertThatThrownBy(() -> limited("csv", "Member ID,NPI\nM1,1\nM2,\"" + "x\n".repeat(60) + "\"\n"))
                .isInstanceOf(RowSource.FileUnreadable.class)
                .hasMessageContaining("line 3").hasMessageContaining("100 characters");
    }

    @Test
    void anNdjsonLinePastTheLimitIsARowErrorAndReadingGoesOn() {
        List<RowSource.Row> rows = limited("ndjson", "{\"member_id\": \"M1\"}\n{\"member_id\": \"" + "9".repeat(200) + "\"}\n{\"member_id\": \"M3\"}\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).problem()).isEqualTo("is longer than 100 characters");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(2).fields().get("member_id")).isEqualTo("M3");
        List<RowSource.Row> surrogate = limited("ndjson", "{\"member_id\": \"M\\ud800\"}\n");
        assertThat(surrogate.get(0).cellProblems()).extracting(RowSource.CellProblem::message)
                .containsExactly("contains an unpaired UTF-16 surrogate (broken text)");
    }
}
