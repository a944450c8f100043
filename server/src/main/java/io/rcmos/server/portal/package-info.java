/**
 * The portal channel: payer portals driven by the agent's YAML flows in a real Chromium — flows loaded and validated
 * at start-up, one browser context per run, saved logins reused per credential (sealed in PostgreSQL), TOTP where
 * the portal's policy allows it and breakpoints otherwise, masked evidence stored as artifacts of the run.
 */
package io.rcmos.server.portal;
