/**
 * The append-only audit log of every bot and human action. Entries hold actor, action and target ids (never PHI
 * values) and are chained by HMAC-SHA256 under a key kept outside the database ({@link io.rcmos.server.audit.AuditChain});
 * Ed25519-signed checkpoints of the chain go to the artifact store ({@link io.rcmos.server.audit.AuditCheckpoints}); the
 * database refuses UPDATE, DELETE and TRUNCATE; {@link io.rcmos.server.audit.AuditVerification} proves the whole.
 */
package io.rcmos.server.audit;
