package io.rcmos.server.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with small input limits, so the bounds can be passed over cheaply: uploads of at most 1 MiB, CSV
 * records and NDJSON lines of 8,192 characters, cells of 256; a webhook key so deliveries can be authentic. Every
 * subclass shares one context.
 */
public abstract class BoundedContext extends IntegrationTest {

    public static final long UPLOAD_BYTES = 1_048_576;
    public static final int LINE_CHARS = 8192;
    public static final int CELL_CHARS = 256;
    public static final String WEBHOOK_KEY = "corpus-webhook-key-0123456789";

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("rcm.limits.upload-bytes", () -> Long.toString(UPLOAD_BYTES));
        registry.add("rcm.limits.upload-line-chars", () -> Integer.toString(LINE_CHARS));
        registry.add("rcm.limits.upload-cell-chars", () -> Integer.toString(CELL_CHARS));
        registry.add("rcm.stedi.webhook-api-key", () -> WEBHOOK_KEY);
    }
}
