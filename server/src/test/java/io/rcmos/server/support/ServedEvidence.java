package io.rcmos.server.support;

import io.rcmos.agent.evidence.PhiFinder;
import io.rcmos.agent.evidence.PixelChecks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's served evidence — every unrestricted artifact, as a person with access downloads it — and the PHI the run
 * was asked about, for tests that read the evidence back (its text, and its pictures by OCR).
 */
public final class ServedEvidence {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One downloaded artifact; {@link #name()} says which (run, kind, step) without any value. */
    public record File(String runId, String kind, String step, String contentType, byte[] bytes) {
        public String name() {
            return "run " + runId + " " + kind + " " + step;
        }
    }

    private ServedEvidence() {
    }

    /** Every unrestricted artifact of the run, downloaded through its link (as {@code reader}). */
    public static List<File> of(Http reader, String runId) {
        List<File> files = new ArrayList<>();
        for (JsonNode a : reader.get("/runs/" + runId + "/artifacts").json()) {
            if (!a.path("restricted").asBoolean(false)) {
                files.add(new File(runId, a.get("kind").asString(), a.get("step").asString(), a.get("content_type").asString(),
                        reader.bytes(a.get("url").asString())));
            }
        }
        return files;
    }

    /** The PHI of a {@code POST /runs} request: member id, names and birth dates of subscriber and dependent, claim numbers. */
    public static PhiFinder phiOf(String runRequest) {
        JsonNode in = JSON.readTree(runRequest).path("input");
        PhiFinder phi = PhiFinder.create();
        for (String who : List.of("subscriber", "dependent")) {
            JsonNode p = in.path(who);
            phi.memberId(p.path("member_id").asString(null)).name(p.path("first_name").asString(null))
                    .name(p.path("last_name").asString(null));
            if (p.hasNonNull("date_of_birth")) {
                phi.birthDate(p.get("date_of_birth").asString());
            }
        }
        return phi.controlNumber(in.path("claim").path("patient_control_number").asString(null))
                .controlNumber(in.path("claim").path("payer_claim_number").asString(null));
    }

    /** OCR of each screenshot among {@code files} finds none of {@code phi} and a word of the page; returns how many were read. */
    public static int assertScreenshotsShowNoPhi(List<File> files, PhiFinder phi) {
        int read = 0;
        for (File f : files) {
            if (f.kind().equals("screenshot")) {
                PixelChecks.assertNoPhi(f.name(), f.bytes(), phi);
                read++;
            }
        }
        return read;
    }
}
