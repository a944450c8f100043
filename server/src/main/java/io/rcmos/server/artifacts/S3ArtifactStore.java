package io.rcmos.server.artifacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Artifacts in S3 (or an S3-compatible store: path-style addressing and an endpoint override). Objects are written
 * with server-side encryption requested; downloads are S3 presigned GET URLs that expire with the manifest's
 * {@code expires_at} and name the content type and file. Objects meant never to change (audit checkpoints) are written
 * under Object Lock retention when the bucket was created with Object Lock, and as ordinary objects otherwise.
 */
final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3ArtifactStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final boolean requestEncryption;
    private volatile Boolean objectLock;

    S3ArtifactStore(ArtifactsProperties props) {
        AwsCredentialsProvider credentials = props.s3AccessKeyId() != null && !props.s3AccessKeyId().isBlank()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(props.s3AccessKeyId(), props.s3SecretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        URI endpoint = URI.create(props.s3Endpoint());
        this.s3 = S3Client.builder().region(Region.of(props.s3Region())).credentialsProvider(credentials)
                .endpointOverride(endpoint).serviceConfiguration(pathStyle).build();
        URI publicEndpoint = props.s3PublicEndpoint() == null || props.s3PublicEndpoint().isBlank()
                ? endpoint : URI.create(props.s3PublicEndpoint());
        this.presigner = S3Presigner.builder().region(Region.of(props.s3Region())).credentialsProvider(credentials)
                .endpointOverride(publicEndpoint).serviceConfiguration(pathStyle).build();
        this.bucket = props.s3Bucket();
        this.requestEncryption = requestEncryption(props.s3Sse(), endpoint);
    }

    /** Whether PUTs ask for SSE-S3 ({@code x-amz-server-side-encryption: AES256}); never SSE-KMS. */
    static boolean requestEncryption(String sse, URI endpoint) {
        String mode = sse == null || sse.isBlank() ? "auto" : sse.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "aes256", "sse-s3" -> true;
            case "none" -> false;
            case "auto" -> !endpoint.getHost().equals("127.0.0.1") && !endpoint.getHost().equals("localhost");
            default -> throw new IllegalStateException("S3_SSE must be auto, aes256 or none, not " + sse);
        };
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> {
            b.bucket(bucket).key(key).contentType(contentType);
            if (requestEncryption) {
                b.serverSideEncryption(ServerSideEncryption.AES256);
            }
        }, RequestBody.fromBytes(bytes));
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (NoSuchKeyException e) {
            throw new FilesystemArtifactStore.ArtifactMissing();
        }
    }

    @Override
    public String putRetained(String key, byte[] bytes, String contentType, String lockMode, Instant retainUntil) {
        boolean lock = objectLock();
        s3.putObject(b -> {
            b.bucket(bucket).key(key).contentType(contentType);
            if (requestEncryption) {
                b.serverSideEncryption(ServerSideEncryption.AES256);
            }
            if (lock) {
                b.objectLockMode(ObjectLockMode.fromValue(lockMode)).objectLockRetainUntilDate(retainUntil);
            }
        }, RequestBody.fromBytes(bytes));
        if (!lock) {
            return retention();
        }
        // some S3-compatible servers take Object Lock on the bucket but ignore the retention headers of a PUT: set it
        // explicitly then, and report only what the store confirms
        ObjectLockRetention kept = retentionOf(key);
        if (kept == null || kept.retainUntilDate().isBefore(retainUntil.minusSeconds(1))) {
            s3.putObjectRetention(b -> b.bucket(bucket).key(key).retention(r -> r.mode(ObjectLockRetentionMode.fromValue(lockMode))
                    .retainUntilDate(retainUntil)));
            kept = retentionOf(key);
        }
        return kept == null
                ? "s3 bucket " + bucket + " with Object Lock, but the store kept no retention on the object"
                : "s3 Object Lock " + kept.modeAsString() + " until " + kept.retainUntilDate();
    }

    private ObjectLockRetention retentionOf(String key) {
        try {
            return s3.getObjectRetention(b -> b.bucket(bucket).key(key)).retention();
        } catch (S3Exception e) {
            return null;
        }
    }

    /** Whether the bucket has Object Lock enabled (asked once; a store that cannot say has none). */
    private boolean objectLock() {
        Boolean known = objectLock;
        if (known == null) {
            try {
                known = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().objectLockEnabled()
                        == ObjectLockEnabled.ENABLED;
            } catch (S3Exception e) {
                if (e.statusCode() >= 500 && e.statusCode() != 501) {
                    throw e; // the store is failing: ask again at the next checkpoint
                }
                // ObjectLockConfigurationNotFoundError (AWS), InvalidRequest, NotImplemented, or no right to read it
                known = false;
            }
            if (!known) {
                log.warn("artifact bucket has no Object Lock: audit checkpoints are stored without write-once retention");
            }
            objectLock = known;
        }
        return known;
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
        keys.sort(null);
        return keys;
    }

    @Override
    public String retention() {
        return objectLock()
                ? "s3 bucket " + bucket + " with Object Lock: each checkpoint under write-once retention"
                : "s3 bucket " + bucket + " without Object Lock: whoever can write the bucket can replace or delete objects";
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public String downloadUrl(String key, String artifactId, String contentType, String fileName, Instant expiresAt) {
        Duration ttl = Duration.between(Instant.now(), expiresAt);
        return presigner.presignGetObject(p -> p.signatureDuration(ttl.isNegative() ? Duration.ofSeconds(1) : ttl)
                        .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(contentType)
                                .responseContentDisposition("attachment; filename=\"" + fileName + "\"")))
                .url().toString();
    }

    @Override
    public void probe() {
        s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
    }

    @Override
    public String describe() {
        return "s3";
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
