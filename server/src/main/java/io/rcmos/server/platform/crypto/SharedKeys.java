package io.rcmos.server.platform.crypto;

import io.rcmos.server.platform.RcmHome;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The keys every process of a deployment must hold in common — API replicas and workers alike. A process alone
 * (the embedded `./rcm up`) generates a missing key once into {@code RCM_HOME/keys}. A process of a split deployment
 * (a role turned off, or a Temporal cluster that other processes reach too) must never do that: a key of its own
 * would seal, sign or hash what the other processes cannot open, verify or find. There a missing key — neither
 * configured nor already in {@code RCM_HOME/keys} (a volume the processes share) — stops start-up, and the message
 * names every missing variable at once. {@code RCM_SHARED_KEYS=required|generate} overrides the choice.
 */
@Component
public class SharedKeys {

    /** A shared key: its variable, the property it binds to, and its file under {@code RCM_HOME/keys}. */
    public enum Key {
        TEMPORAL_CODEC("RCM_TEMPORAL_CODEC_KEY", "rcm.temporal.codec-key", "temporal-codec.key"),
        AUDIT_CHAIN("RCM_AUDIT_KEY", "rcm.audit.key", "audit-chain.key"),
        AUDIT_SIGNING("RCM_AUDIT_SIGNING_KEY", "rcm.audit.signing-key", "audit-signing.key"),
        IDEMPOTENCY("RCM_IDEMPOTENCY_KEY", "rcm.runs.idempotency-key", "idempotency.key"),
        INBOX_ANSWERS("RCM_INBOX_ANSWER_KEY", "rcm.inbox.answer-key", "inbox-answers.key"),
        ARTIFACT_SIGNING("RCM_ARTIFACT_SIGNING_KEY", "rcm.artifacts.signing-key", "artifact-signing.key"),
        /** Only the filesystem artifact store encrypts with it (S3 encrypts server-side). */
        ARTIFACT_ENCRYPTION("RCM_ARTIFACT_KEY", "rcm.artifacts.encryption-key", "artifact.key"),
        SIGN_IN("RCM_SIGN_IN_KEY", "rcm.security.sign-in-key", "sign-in.key"),
        PORTAL_SESSIONS("RCM_PORTAL_SESSION_KEY", "rcm.portal.session-key", "portal-sessions.key");

        private final String variable;
        private final String property;
        private final String file;

        Key(String variable, String property, String file) {
            this.variable = variable;
            this.property = property;
            this.file = file;
        }

        public String variable() {
            return variable;
        }

        public String property() {
            return property;
        }

        public String file() {
            return file;
        }
    }

    /** Start-up refused: shared keys are missing in a split deployment. */
    public static final class Missing extends IllegalStateException {
        private final List<String> variables;

        Missing(List<String> variables, Path dir, String why) {
            super("this process is part of a split deployment (" + why + ") and would generate keys of its own that the other "
                    + "processes do not have: set " + String.join(", ", variables) + " to the same base64 32-byte values "
                    + "(`openssl rand -base64 32`) in every API and worker process, or give every process the same " + dir
                    + " (RCM_SHARED_KEYS=generate lets a lone process generate them)");
            this.variables = List.copyOf(variables);
        }

        public List<String> variables() {
            return variables;
        }
    }

    private final Environment env;
    private final Path dir;
    private final boolean mayGenerate;

    public SharedKeys(Environment env, RcmHome home) {
        this.env = env;
        this.dir = home.dir("keys");
        String why = splitReason(env);
        this.mayGenerate = why == null;
        if (!mayGenerate) {
            List<String> missing = missing(env, dir);
            if (!missing.isEmpty()) {
                throw new Missing(missing, dir, why);
            }
        }
    }

    /** Why keys may not be generated here, or null when this process may generate them (a lone, embedded process). */
    static String splitReason(Environment env) {
        String mode = env.getProperty("rcm.keys.shared", "auto").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "required":
                return "RCM_SHARED_KEYS=required";
            case "generate":
                return null;
            case "auto", "":
                break;
            default:
                throw new IllegalStateException("RCM_SHARED_KEYS must be auto, required or generate, not " + mode);
        }
        boolean api = env.getProperty("rcm.roles.api", Boolean.class, true);
        boolean worker = env.getProperty("rcm.roles.worker", Boolean.class, true);
        if (!api || !worker) {
            return "RCM_ROLE_API=" + api + ", RCM_ROLE_WORKER=" + worker;
        }
        if (isSet(env, "rcm.temporal.address")) {
            return "TEMPORAL_ADDRESS is set: other processes may share the Temporal cluster";
        }
        return null;
    }

    /** The shared keys this configuration needs that are neither configured nor in {@code dir}, by variable. */
    static List<String> missing(Environment env, Path dir) {
        List<String> missing = new ArrayList<>();
        for (Key key : Key.values()) {
            if (key == Key.ARTIFACT_ENCRYPTION && isSet(env, "rcm.artifacts.s3-endpoint")) {
                continue;
            }
            if (!isSet(env, key.property) && !Files.exists(dir.resolve(key.file))) {
                missing.add(key.variable);
            }
        }
        return missing;
    }

    private static boolean isSet(Environment env, String property) {
        String value = env.getProperty(property);
        return value != null && !value.isBlank();
    }

    /** Whether this process may generate a missing key (false in a split deployment). */
    public boolean mayGenerate() {
        return mayGenerate;
    }

    /** The key as configured, else as found in {@code RCM_HOME/keys}, else (a lone process only) generated there. */
    public byte[] load(Key key) {
        String configured = env.getProperty(key.property);
        if (mayGenerate) {
            return Keys.load(configured, key.variable, dir, key.file);
        }
        return Keys.find(configured, key.variable, dir, key.file)
                .orElseThrow(() -> new Missing(List.of(key.variable), dir, "a key may not be generated here"));
    }

    /** The keys directory, {@code RCM_HOME/keys}. */
    public Path dir() {
        return dir;
    }
}
