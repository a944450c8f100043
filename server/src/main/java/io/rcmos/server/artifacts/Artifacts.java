package io.rcmos.server.artifacts;

import io.rcmos.server.platform.health.HealthCheck;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The artifacts module's facade: store a run's artifact (bytes first, then the manifest row, so a failure leaves no
 * half record) and list a run's manifest with signed, expiring URLs. Callers must have masked PHI before storing
 * anything people can open; {@code restricted} marks raw captures only admins may fetch.
 */
@Component
public class Artifacts implements HealthCheck {

    public static final Set<String> KINDS = Set.of("screenshot", "dom", "har", "trace", "x12", "json", "manifest", "raw");
    /**
     * Payer payloads as received (an X12 271/277, a clearinghouse JSON answer) hold the patient's whole record: never
     * behind a signed link, only read by an admin through the API, and every read audited (minimum necessary).
     */
    static final Set<String> PAYLOAD_KINDS = Set.of("x12", "json", "raw");

    private final ArtifactStore store;
    private final JdbcClient jdbc;
    private final ArtifactsProperties props;
    private final Clock clock;

    Artifacts(ArtifactStore store, JdbcClient jdbc, ArtifactsProperties props, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.props = props;
        this.clock = clock;
    }

    /** One manifest entry as {@code GET /runs/{id}/artifacts} shows it. */
    public record Entry(UUID artifactId, String kind, String step, String contentType, long size, String sha256,
                        String url, Instant expiresAt, boolean restricted) {
    }

    /** What the download endpoint needs about an artifact. */
    record Stored(UUID artifactId, UUID runId, String kind, String step, String contentType, long size, String storageKey,
                  boolean restricted) {
        String fileName() {
            return kind + (step == null ? "" : "-" + step.replaceAll("[^A-Za-z0-9._-]", "_")) + extension(contentType);
        }
    }

    public UUID store(UUID runId, String kind, String step, String contentType, byte[] bytes) {
        return store(runId, kind, step, contentType, bytes, false);
    }

    public UUID store(UUID runId, String kind, String step, String contentType, byte[] bytes, boolean restricted) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown artifact kind " + kind);
        }
        boolean restrict = restricted || PAYLOAD_KINDS.contains(kind);
        UUID id = UUID.randomUUID();
        String key = "runs/" + runId + "/" + id;
        store.put(key, bytes, contentType);
        try {
            jdbc.sql("""
                            insert into artifacts (artifact_id, run_id, kind, step, content_type, size, sha256, storage_key, restricted, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())""")
                    .params(id, runId, kind, step, contentType, bytes.length, sha256(bytes), key, restrict)
                    .update();
        } catch (RuntimeException e) {
            store.delete(key);
            throw e;
        }
        return id;
    }

    public List<Entry> list(UUID runId, boolean includeRestricted) {
        Instant expires = clock.instant().plus(props.urlTtl());
        return jdbc.sql("""
                        select artifact_id, run_id, kind, step, content_type, size, sha256, storage_key, restricted from artifacts
                        where run_id = ? and (restricted = false or ?) order by created_at, artifact_id""")
                .params(runId, includeRestricted)
                .query((rs, n) -> {
                    Stored s = new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getString(8), rs.getBoolean(9));
                    // raw captures are never behind a bearer link: only an authenticated, audited admin read
                    return s.restricted()
                            ? new Entry(s.artifactId(), s.kind(), s.step(), s.contentType(), s.size(), rs.getString(7),
                                    "/artifacts/" + s.artifactId() + "/raw", null, true)
                            : new Entry(s.artifactId(), s.kind(), s.step(), s.contentType(), s.size(), rs.getString(7),
                                    store.downloadUrl(s.storageKey(), s.artifactId().toString(), s.contentType(), s.fileName(), expires),
                                    expires, false);
                })
                .list();
    }

    /** The served (never restricted) artifacts of many runs at once, with signed links: one query per call. */
    public java.util.Map<UUID, List<Entry>> listServed(java.util.Collection<UUID> runIds) {
        java.util.Map<UUID, List<Entry>> out = new java.util.HashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        Instant expires = clock.instant().plus(props.urlTtl());
        jdbc.sql("""
                        select artifact_id, run_id, kind, step, content_type, size, sha256, storage_key from artifacts
                        where run_id = any (?) and restricted = false order by created_at, artifact_id""")
                .param(runIds.toArray(UUID[]::new))
                .query((rs, n) -> {
                    Stored s = new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getString(8), false);
                    Entry e = new Entry(s.artifactId(), s.kind(), s.step(), s.contentType(), s.size(), rs.getString(7),
                            store.downloadUrl(s.storageKey(), s.artifactId().toString(), s.contentType(), s.fileName(), expires), expires, false);
                    out.computeIfAbsent(s.runId(), k -> new java.util.ArrayList<>()).add(e);
                    return e;
                })
                .list();
        return out;
    }

    /**
     * The lasting address of an artifact, for results files and anything written down: {@code GET /artifacts/{id}}
     * checks who asks, audits the read and answers with a fresh short-lived signed link (303) on each visit. It holds
     * no signature and no expiry, so it works tomorrow for a signed-in person and opens nothing for anyone else.
     */
    public static String lastingPath(UUID artifactId) {
        return "/artifacts/" + artifactId;
    }

    /** The served (never restricted) artifacts of many runs at once, oldest first, by run: ids only, nothing signed. */
    public java.util.Map<UUID, List<UUID>> servedIds(java.util.Collection<UUID> runIds) {
        java.util.Map<UUID, List<UUID>> out = new java.util.HashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        select artifact_id, run_id from artifacts
                        where run_id = any (?) and restricted = false order by created_at, artifact_id""")
                .param(runIds.toArray(UUID[]::new))
                .query((rs, n) -> out.computeIfAbsent(rs.getObject(2, UUID.class), k -> new java.util.ArrayList<>())
                        .add(rs.getObject(1, UUID.class)))
                .list();
        return out;
    }

    /** A fresh signed download link for a served artifact. */
    String signedUrl(Stored s) {
        return store.downloadUrl(s.storageKey(), s.artifactId().toString(), s.contentType(), s.fileName(),
                clock.instant().plus(props.urlTtl()));
    }

    Optional<Stored> find(UUID artifactId) {
        return jdbc.sql("""
                        select artifact_id, run_id, kind, step, content_type, size, storage_key, restricted from artifacts
                        where artifact_id = ?""")
                .param(artifactId)
                .query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getBoolean(8)))
                .optional();
    }

    ArtifactStore store() {
        return store;
    }

    @Override
    public String name() {
        return "artifacts";
    }

    @Override
    public void check() {
        store.probe();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (t.startsWith("image/png")) {
            return ".png";
        }
        if (t.startsWith("text/html")) {
            return ".html";
        }
        if (t.contains("json")) {
            return ".json";
        }
        if (t.startsWith("application/zip")) {
            return ".zip";
        }
        if (t.startsWith("application/edi-x12") || t.contains("x12")) {
            return ".x12";
        }
        return ".bin";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
