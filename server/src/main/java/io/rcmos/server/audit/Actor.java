package io.rcmos.server.audit;

/**
 * Who did something: a console user, an API token (by token id), a bot (a workflow) or the system itself.
 * {@code person} is the human accountable for it — the user themself, or the person who issued the token — so rules
 * such as "never review your own task" compare people, not credentials.
 */
public record Actor(String name, Type type, String person) {

    public Actor(String name, Type type) {
        this(name, type, name);
    }

    public Actor {
        if (person == null || person.isBlank()) {
            person = name;
        }
    }

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
