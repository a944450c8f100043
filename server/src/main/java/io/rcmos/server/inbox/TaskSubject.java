package io.rcmos.server.inbox;

/** The patient a task is about, masked: {@code ••••2649} and {@code J.D.}. */
public record TaskSubject(String memberHint, String nameInitials) {
}
