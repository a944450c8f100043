package io.rcmos.agent.flow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variables defined at a point of a flow. A variable is <em>defined</em> when every path to that point sets
 * it, and <em>partial</em> when only some do (one branch of an {@code if}, the body of a {@code for_each} that
 * may run zero times); using a partial variable is an error.
 */
final class Scope {

    /** Where a variable's value comes from. */
    enum Kind {
        /** an extracted value */
        VALUE,
        /** extracted table rows */
        ROWS,
        /** the current row of a for_each */
        ROW,
        /** a person's answer to a breakpoint (may fill secret fields) */
        ANSWER
    }

    /** A variable: kind, type, row fields (rows and row), possible codes of a mapped code (empty = unknown). */
    record Var(Kind kind, ValueType type, Map<String, ValueType> fields, Set<String> codes, TreePath definedAt) {
    }

    private final Map<String, Var> defined;
    /** name → why it is not usable here ("is set only on some paths …"). */
    private final Map<String, String> partial;

    Scope() {
        this(new LinkedHashMap<>(), new HashMap<>());
    }

    private Scope(Map<String, Var> defined, Map<String, String> partial) {
        this.defined = defined;
        this.partial = partial;
    }

    Scope copy() {
        return new Scope(new LinkedHashMap<>(defined), new HashMap<>(partial));
    }

    void define(String name, Var var) {
        defined.put(name, var);
        partial.remove(name);
    }

    Optional<Var> get(String name) {
        return Optional.ofNullable(defined.get(name));
    }

    /** Why a variable that is set somewhere before this point cannot be used here, if it is one such. */
    Optional<String> partial(String name) {
        return Optional.ofNullable(partial.get(name));
    }

    /** Marks a variable as unusable from here on, e.g. a for_each row after its loop. */
    void outOfScope(String name, String why) {
        defined.remove(name);
        partial.put(name, why);
    }

    Set<String> names() {
        return defined.keySet();
    }

    /** What is known after two paths join: defined on both stays defined, defined on one becomes partial. */
    static Scope join(Scope a, Scope b) {
        Scope out = new Scope();
        out.partial.putAll(a.partial);
        out.partial.putAll(b.partial);
        a.defined.forEach((name, var) -> {
            if (b.defined.containsKey(name)) {
                out.defined.put(name, var);
                out.partial.remove(name);
            } else {
                out.partial.put(name, onSomePaths(var));
            }
        });
        b.defined.forEach((name, var) -> {
            if (!a.defined.containsKey(name)) {
                out.partial.put(name, onSomePaths(var));
            }
        });
        return out;
    }

    private static String onSomePaths(Var var) {
        return "is set only on some paths to this step (at " + var.definedAt().display() + ")";
    }
}
