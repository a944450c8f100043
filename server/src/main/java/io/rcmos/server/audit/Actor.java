package io.rcmos.server.audit;

/** Who did something: a console user, an API token (by token id), a bot (a workflow) or the system itself. */
public record Actor(String name, Type type) {

    public enum Type {
        USER, TOKEN, BOT, SYSTEM;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Actor bot(String name) {
        return new Actor(name, Type.BOT);
    }

    public static Actor system() {
        return new Actor("system", Type.SYSTEM);
    }
}
