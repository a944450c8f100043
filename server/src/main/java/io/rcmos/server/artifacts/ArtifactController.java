package io.rcmos.server.artifacts;

import org.springframework.transaction.support.TransactionTemplate;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.audit.PhiReads;
import io.rcmos.server.security.CurrentActor;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.InvalidParameter;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * {@code GET /runs/{id}/artifacts}: a run's manifest with signed, expiring URLs (roles that may see evidence).
 * {@code GET /artifacts/{artifact_id}/download}: the bytes, for whoever holds a valid, unexpired signed URL
 * (filesystem store; S3 URLs go to S3 directly). Tampered or expired URLs get 403.
 */
@RestController
class ArtifactController {

    private final Artifacts artifacts;
    private final FilesystemArtifactStore.UrlSigner signer;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    private final PhiReads phiReads;
    private final RunDirectory runs;

    ArtifactController(Artifacts artifacts, FilesystemArtifactStore.UrlSigner signer, AuditLog audit,
                       TransactionTemplate tx, PhiReads phiReads, RunDirectory runs) {
        this.runs = runs;
        this.phiReads = phiReads;
        this.artifacts = artifacts;
        this.signer = signer;
        this.audit = audit;
        this.tx = tx;
    }

    @GetMapping("/runs/{id}/artifacts")
    List<Artifacts.Entry> manifest(@PathVariable("id") String id) {
        UUID runId = uuid("id", id);
        if (!runs.exists(runId)) {
            throw new NotFound("run_not_found", "no run " + runId);
        }
        boolean admin = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        return artifacts.list(runId, admin);
    }

    /**
     * {@code GET /artifacts/{artifact_id}}: the address results files and people link to. It checks who asks (evidence
     * roles; payloads and raw captures admins only), logs the read, and sends a fresh short-lived signed link (303), so
     * a link that was written down stays good for people who may open it and opens nothing for anyone else.
     */
    @GetMapping("/artifacts/{artifactId}")
    ResponseEntity<Void> open(@PathVariable("artifactId") String artifactId) {
        Artifacts.Stored stored = artifacts.find(uuid("artifact_id", artifactId))
                .orElseThrow(() -> new NotFound("artifact_not_found", "no artifact " + artifactId));
        boolean admin = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        if (stored.restricted() && !admin) {
            throw new Restricted();
        }
        String location = stored.restricted() ? "/artifacts/" + stored.artifactId() + "/raw"
                : artifacts.signedUrl(stored);
        if (!stored.restricted()) {
            phiReads.read(CurrentActor.get(), "artifact.read", "artifact", artifactId, stored.runId());
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GetMapping("/artifacts/{artifactId}/download")
    ResponseEntity<InputStreamResource> download(@PathVariable("artifactId") String artifactId,
                                                 @RequestParam(name = "expires", required = false) String expires,
                                                 @RequestParam(name = "signature", required = false) String signature,
                                                 @RequestParam(name = "inline", required = false, defaultValue = "false") boolean inline) {
        long expiry;
        try {
            expiry = expires == null ? -1 : Long.parseLong(expires);
        } catch (NumberFormatException e) {
            expiry = -1;
        }
        if (!signer.valid(artifactId, expiry, signature)) {
            throw new BadSignature();
        }
        Artifacts.Stored stored = artifacts.find(uuid("artifact_id", artifactId))
                .orElseThrow(() -> new NotFound("artifact_not_found", "no artifact " + artifactId));
        if (stored.restricted()) {
            throw new BadSignature(); // never served by link; see raw()
        }
        return body(stored, inline);
    }

    /**
     * {@code GET /artifacts/{artifact_id}/raw}: a restricted raw capture (unmasked HAR/trace kept for replay), for
     * admins only, each read audited with who read what.
     */
    @GetMapping("/artifacts/{artifactId}/raw")
    ResponseEntity<InputStreamResource> raw(@PathVariable("artifactId") String artifactId) {
        Artifacts.Stored stored = artifacts.find(uuid("artifact_id", artifactId))
                .filter(Artifacts.Stored::restricted)
                .orElseThrow(() -> new NotFound("artifact_not_found", "no restricted artifact " + artifactId));
        tx.executeWithoutResult(s -> audit.append(CurrentActor.get(), "artifact.raw_read", "artifact", artifactId, stored.runId(),
                java.util.Map.of("kind", stored.kind())));
        return body(stored, false);
    }

    /**
     * The bytes, as a download or (with {@code inline=true}, for the console's evidence viewer) shown in place. Either
     * way a captured page is inert: a sandbox with no scripts, no network, no forms — a DOM snapshot can never act.
     */
    private ResponseEntity<InputStreamResource> body(Artifacts.Stored stored, boolean inline) {
        InputStreamResource body = new InputStreamResource(artifacts.store().open(stored.storageKey()));
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(stored.fileName()).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(stored.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(body);
    }

    private static UUID uuid(String name, String value) {
        return InvalidParameter.uuid(name, value);
    }

    static final class BadSignature extends ApiProblem {
        BadSignature() {
            super(HttpStatus.FORBIDDEN, "invalid_signature", "the download link is invalid or has expired");
        }
    }

    static final class Restricted extends ApiProblem {
        Restricted() {
            super(HttpStatus.FORBIDDEN, "artifact_restricted", "a payer's payload or a raw capture: only admins read it");
        }
    }

    static final class NotFound extends ApiProblem {
        NotFound(String code, String detail) {
            super(HttpStatus.NOT_FOUND, code, detail);
        }
    }

}
