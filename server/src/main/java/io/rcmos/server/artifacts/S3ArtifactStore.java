package io.rcmos.server.artifacts;

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
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Artifacts in S3 (or an S3-compatible store: path-style addressing and an endpoint override). Objects are written
 * with server-side encryption requested; downloads are S3 presigned GET URLs that expire with the manifest's
 * {@code expires_at} and name the content type and file.
 */
final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final boolean requestEncryption;

    S3ArtifactStore(ArtifactsProperties props) {
        AwsCredentialsProvider credentials = props.s3AccessKeyId() != null && !props.s3AccessKeyId().isBlank()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(props.s3AccessKeyId(), props.s3SecretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        URI endpoint = URI.create(props.s3Endpoint());
        this.s3 = S3Client.builder().region(Region.of(props.s3Region())).credentialsProvider(credentials)
                .endpointOverride(endpoint).serviceConfiguration(pathStyle).build();
        this.presigner = S3Presigner.builder().region(Region.of(props.s3Region())).credentialsProvider(credentials)
                .endpointOverride(endpoint).serviceConfiguration(pathStyle).build();
        this.bucket = props.s3Bucket();
        this.requestEncryption = !endpoint.getHost().equals("127.0.0.1") && !endpoint.getHost().equals("localhost");
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
