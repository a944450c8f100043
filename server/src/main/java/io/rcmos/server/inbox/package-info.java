/**
 * The human loop: inbox tasks ({@code breakpoints}) with leases, SLAs and escalation, their answers sealed until the
 * run uses them, and QA sampling of resolved tasks ({@code qa_reviews}). Knows nothing of workflows: it tells the
 * runs module through {@link io.rcmos.server.inbox.RunHooks}, which it is given by constructor. {@link
 * io.rcmos.server.inbox.Inbox} is the facade; {@code InboxStore} is the only class that writes {@code breakpoints},
 * {@code SealedAnswers} keeps a task's answer until the run used it, {@code SlaSweep} expires overdue tasks.
 */
package io.rcmos.server.inbox;
