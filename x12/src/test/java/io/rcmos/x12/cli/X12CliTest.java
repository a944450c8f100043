package io.rcmos.x12.cli;

import io.rcmos.x12.read.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class X12CliTest {

    record Out(int code, String out, String err) {
    }

    private static Out run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = X12Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path sample(String name) {
        return Samples.file(name);
    }

    @Test
    void parsesA271ToSnakeCaseJson() {
        Out o = run("parse", sample("271-lfh-subscriber.x12").toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("\"transaction\" : \"271\"").contains("\"coverage_status\" : \"active\"").contains("\"member_id\" : \"123456789\"");
    }

    @Test
    void buildsA270ThatValidates(@TempDir Path dir) throws Exception {
        Path request = dir.resolve("req.json");
        Files.writeString(request, """
                {"purpose": "eligibility", "payer_id": "87726",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "UHC202649", "first_name": "John", "last_name": "Doe"}}}""");
        Out built = run("build", "eligibility", request.toString());
        assertThat(built.code()).as(built.err()).isZero();
        assertThat(built.out()).startsWith("ISA*").contains("ST*270*").contains("NM1*PR*2*PAYER*****PI*87726~");
        Path x12 = dir.resolve("out.x12");
        Files.writeString(x12, built.out());
        Out valid = run("validate", x12.toString());
        assertThat(valid.code()).as(valid.out()).isZero();
        assertThat(valid.out()).contains("valid 270");
    }

    @Test
    void validateReportsMalformedFilesWithSegmentAndCode() {
        Out o = run("validate", sample("271-lfh-aaa50-provider-ineligible.x12").toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).contains("(SE)").contains("CONTROL_REFERENCE_MISMATCH");
    }

    @Test
    void usageAndMissingFilesExitTwoNamingTheFile(@TempDir Path dir) throws Exception {
        assertThat(run().code()).isEqualTo(2);
        Out missing = run("parse", "/no/such/file.x12");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("/no/such/file.x12");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"provider\": {\"npi\": \"1\"}, \"colour\": 1}");
        Out o = run("build", "eligibility", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("bad.json");
    }

    @Test
    void buildNamesEveryProblemOfTheRequestByItsJsonFieldNeverAJavaType(@TempDir Path dir) throws Exception {
        Path request = dir.resolve("req.json");
        Files.writeString(request, """
                {"purpose": "eligibility", "payer_idd": "87726",
                 "input": {"provider": {"npi": "1999999984", "organisation_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "UHC202649", "last_name": "Doe", "date_of_birth": "1980-02-31"}}}""");
        Out o = run("build", "eligibility", request.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("req.json").contains("3 problems")
                .contains("payer_idd is not a field of a run request (did you mean payer_id?)")
                .contains("input.provider.organisation_name is not a known field (did you mean organization_name?)")
                .contains("input.subscriber.date_of_birth is not a valid date");
        assertThat(o.err()).doesNotContain("io.rcmos").doesNotContain("class").doesNotContain("Unrecognized");
    }

    @Test
    void buildOfABareInputTakesThePayerBesideItAndNamesWrongTypesAndMissingFields(@TempDir Path dir) throws Exception {
        Path request = dir.resolve("input.json");
        Files.writeString(request, """
                {"payer_id": "60054", "provider": {"npi": 1999999984, "organization_name": "Sunrise Clinic"},
                 "subscriber": {"member_id": "UHC202649"}, "service_type_codes": ["30", "thirty"], "colour": "red"}""");
        Out o = run("build", "eligibility", request.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("provider.npi must be text").contains("service_type_codes[1] does not match")
                .contains("colour is not a known field").doesNotContain("payer_id").doesNotContain("io.rcmos");
        Files.writeString(request, """
                {"payer_id": "60054", "provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                 "subscriber": {"member_id": "UHC202649"}}""");
        Out built = run("build", "eligibility", request.toString());
        assertThat(built.code()).as(built.err()).isZero();
        assertThat(built.out()).contains("PI*60054~");
        Out claim = run("build", "claim-status", request.toString());
        assertThat(claim.code()).isEqualTo(2);
        assertThat(claim.err()).contains("claim is required");
    }
}
