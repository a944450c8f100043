/** Feature flags: per payer and purpose, which channels may answer and which goes first — changed without a restart. */
package io.rcmos.server.flags;
