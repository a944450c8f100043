/**
 * The human loop: inbox tasks ({@code breakpoints}) with leases, SLAs and escalation, their answers sealed until the
 * run uses them, and QA sampling of resolved tasks ({@code qa_reviews}). Knows nothing of workflows: it tells the
 * runs module through {@link io.rcmos.server.inbox.RunHooks}.
 */
package io.rcmos.server.inbox;
