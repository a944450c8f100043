package io.rcmos.x12.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One implementation guide's structure as its published outline states it (the files under
 * {@code io/rcmos/x12/validate/}): loops with their repeat, segments with usage and maximum use, elements and
 * components with usage and, where the outline lists them in full, their code values.
 */
final class Outline {

    /** A loop or a segment in the transaction's tree. */
    sealed interface Node permits Loop, Seg {
    }

    static final class Loop implements Node {
        final String id;
        final int repeat; // Integer.MAX_VALUE for ">1"
        final List<Node> children = new ArrayList<>();

        Loop(String id, int repeat) {
            this.id = id;
            this.repeat = repeat;
        }

        Seg trigger() {
            return children.isEmpty() || !(children.get(0) instanceof Seg s) ? null : s;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    static final class Seg implements Node {
        final String tag;
        final String name;
        final boolean required;
        final int max;
        /** Element rules by position ("3" for NM103, "1.2" for STC01-2). */
        final Map<String, Rule> rules = new TreeMap<>();

        Seg(String tag, String name, boolean required, int max) {
            this.tag = tag;
            this.name = name;
            this.required = required;
            this.max = max;
        }

        /** The first required element with a complete code list: what tells this segment apart from its namesakes. */
        Map.Entry<String, Rule> discriminator() {
            for (Map.Entry<String, Rule> e : rules.entrySet()) {
                if (!e.getKey().contains(".") && e.getValue().required() && e.getValue().codes() != null) {
                    return e;
                }
            }
            return null;
        }
    }

    /** An element or component: required or situational, and its allowed codes (null when any or not listed in full). */
    record Rule(String label, boolean required, Set<String> codes) {
    }

    final String transaction;
    final String version;
    final Loop root = new Loop("transaction", 1);

    private Outline(String transaction, String version) {
        this.transaction = transaction;
        this.version = version;
    }

    private static final Pattern LOOP = Pattern.compile("^(\\s*)LOOP (\\S+) .*\\[repeat ([^]]+)]");
    private static final Pattern SEG = Pattern.compile("^(\\s*)SEG (\\S+)\\s+(.*) \\((Required|Situational), max ([^)]+)\\)");
    private static final Pattern ELEMENT = Pattern.compile("^\\s*([A-Z0-9]{2,3}?)(\\d{2})(?:-(\\d+))? (Req|Sit) ([^=]*?)(?: = (.*))?$");

    static Outline load(String resource, String transaction, String version) {
        Outline o = new Outline(transaction, version);
        try (InputStream in = Outline.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("outline " + resource + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Deque<Object[]> stack = new ArrayDeque<>(); // {indent, Loop}
            Seg current = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("TABLE")) {
                    stack.clear();
                    current = null;
                    continue;
                }
                Matcher m;
                if ((m = LOOP.matcher(line)).find()) {
                    int indent = m.group(1).length();
                    while (!stack.isEmpty() && (int) stack.peek()[0] >= indent) {
                        stack.pop();
                    }
                    Loop loop = new Loop(m.group(2), m.group(3).equals(">1") ? Integer.MAX_VALUE : Integer.parseInt(m.group(3)));
                    parent(stack, o.root).children.add(loop);
                    stack.push(new Object[]{indent, loop});
                    current = null;
                } else if ((m = SEG.matcher(line)).find()) {
                    int indent = m.group(1).length();
                    while (!stack.isEmpty() && (int) stack.peek()[0] >= indent) {
                        stack.pop();
                    }
                    current = new Seg(m.group(2), m.group(3).strip(), m.group(4).equals("Required"),
                            m.group(5).equals(">1") ? Integer.MAX_VALUE : Integer.parseInt(m.group(5)));
                    parent(stack, o.root).children.add(current);
                } else if (current != null && (m = ELEMENT.matcher(line)).find() && m.group(1).equals(current.tag)) {
                    String position = Integer.parseInt(m.group(2)) + (m.group(3) == null ? "" : "." + Integer.parseInt(m.group(3)));
                    current.rules.put(position, new Rule(m.group(1) + m.group(2) + (m.group(3) == null ? "" : "-" + m.group(3)),
                            m.group(4).equals("Req"), codes(m.group(6))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return o;
    }

    /** The tree as indented text, for diagnostics. */
    String dump() {
        StringBuilder out = new StringBuilder();
        dump(root, "", out);
        return out.toString();
    }

    private static void dump(Loop loop, String indent, StringBuilder out) {
        for (Node n : loop.children) {
            if (n instanceof Loop l) {
                out.append(indent).append("LOOP ").append(l.id).append('\n');
                dump(l, indent + "  ", out);
            } else {
                Seg s = (Seg) n;
                out.append(indent).append(s.tag).append(s.required ? " R" : " S").append(" max ").append(s.max).append(' ').append(s.rules.keySet()).append('\n');
            }
        }
    }

    private static Loop parent(Deque<Object[]> stack, Loop root) {
        return stack.isEmpty() ? root : (Loop) stack.peek()[1];
    }

    /**
     * "A,B,C" → the set; a list the outline shortened ("… (35)"), a description in angle brackets, or a reference to an
     * external code source (507 claim status category, 508 claim status) → null (not checked here).
     */
    private static final Set<String> EXTERNAL_CODE_SOURCES = Set.of("507", "508");

    private static Set<String> codes(String list) {
        if (list == null || list.contains("\u2026") || list.contains("<") || EXTERNAL_CODE_SOURCES.contains(list.strip())) {
            return null;
        }
        return Set.of(list.strip().split("\\s*,\\s*"));
    }
}
