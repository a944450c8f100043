/**
 * Artifacts: evidence (screenshots, DOM snapshots, HAR, traces) and raw payloads (X12, JSON) of runs, behind one
 * store interface — an encrypted filesystem store with HMAC-signed, expiring download URLs by default, S3 with
 * presigned URLs in production — and a manifest in PostgreSQL. The public surface is {@link io.rcmos.server.artifacts.Artifacts}.
 */
package io.rcmos.server.artifacts;
