/**
 * The append-only, hash-chained audit log of every bot and human action. Entries hold actor, action and target
 * ids (never PHI values) and the SHA-256 of the previous entry; the database refuses UPDATE, DELETE and TRUNCATE.
 */
package io.rcmos.server.audit;
