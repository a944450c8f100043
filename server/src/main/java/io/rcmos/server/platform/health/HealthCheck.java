package io.rcmos.server.platform.health;

/**
 * One named dependency the service needs ({@code db}, {@code temporal}, {@code events}, {@code artifacts}, …).
 * {@link #check()} returns quietly when healthy and throws with a short, secret-free reason otherwise.
 */
public interface HealthCheck {

    String name();

    void check() throws Exception;
}
