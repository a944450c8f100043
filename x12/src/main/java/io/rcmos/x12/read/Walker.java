package io.rcmos.x12.read;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Places each segment of one transaction set in the guide's loop tree, the way X12 parsers do: a segment belongs to
 * the innermost open loop that still allows it at or after the current position, else it closes loops outward until
 * one does, or starts a child loop whose first segment it is. Namesakes (NM1, REF, DTP, HL…) are told apart by the
 * code in their first coded element (NM101, REF01, HL03…). Loops introduced by HL may come in any order, as the
 * hierarchy is carried by HL01/HL02, not by position. Closing a loop reports what it required and never got.
 */
final class Walker {

    /** An open loop instance: where in its children we are, how often each child was used. */
    private static final class Frame {
        final Outline.Loop loop;
        int pointer;
        final int[] used;

        Frame(Outline.Loop loop) {
            this.loop = loop;
            this.used = new int[loop.children.size()];
        }
    }

    private record Match(int depth, int child, boolean exact) {
    }

    private final Outline outline;
    private final List<X12Problem> problems;
    private final List<Frame> stack = new ArrayList<>();

    Walker(Outline outline, List<X12Problem> problems) {
        this.outline = outline;
        this.problems = problems;
    }

    void walk(List<Segment> set) {
        stack.add(new Frame(outline.root));
        for (Segment s : set) {
            place(s);
        }
        Segment last = set.get(set.size() - 1);
        while (!stack.isEmpty()) {
            close(stack.remove(stack.size() - 1), last);
        }
    }

    private void place(Segment s) {
        Match m = null;
        for (int depth = stack.size() - 1; depth >= 0 && m == null; depth--) {
            m = find(stack.get(depth), s, depth, true);
        }
        if (m == null) {
            m = find(stack.get(stack.size() - 1), s, stack.size() - 1, false); // right tag, unexpected code
        }
        if (m == null) {
            problems.add(new X12Problem(ProblemCode.SEGMENT_NOT_EXPECTED, s.ordinal(), s.tag(), 0,
                    s.tag() + " is not expected here (in loop " + stack.get(stack.size() - 1).loop.id + ")"));
            return;
        }
        while (stack.size() - 1 > m.depth()) {
            close(stack.remove(stack.size() - 1), s);
        }
        Frame frame = stack.get(m.depth());
        Outline.Node node = frame.loop.children.get(m.child());
        frame.pointer = Math.max(frame.pointer, m.child());
        frame.used[m.child()]++;
        if (node instanceof Outline.Seg seg) {
            if (frame.used[m.child()] > seg.max) {
                problems.add(new X12Problem(ProblemCode.SEGMENT_REPEATS_TOO_OFTEN, s.ordinal(), s.tag(), 0,
                        s.tag() + " (" + seg.name + ") may appear " + seg.max + " time(s) in loop " + frame.loop.id));
            }
            elements(s, seg, frame.loop.id);
        } else {
            Outline.Loop loop = (Outline.Loop) node;
            if (frame.used[m.child()] > loop.repeat) {
                problems.add(new X12Problem(ProblemCode.LOOP_REPEATS_TOO_OFTEN, s.ordinal(), s.tag(), 0,
                        "loop " + loop.id + " may repeat " + loop.repeat + " time(s)"));
            }
            Frame child = new Frame(loop);
            child.used[0] = 1;
            stack.add(child);
            elements(s, loop.trigger(), loop.id);
        }
    }

    /** The child of this frame that takes the segment, searching from the frame's position (HL loops: anywhere). */
    private static Match find(Frame f, Segment s, int depth, boolean strict) {
        List<Outline.Node> children = f.loop.children;
        for (int i = 0; i < children.size(); i++) {
            Outline.Node n = children.get(i);
            if (n instanceof Outline.Seg seg) {
                if (i >= f.pointer && (i > 0 || f.loop.id.equals("transaction")) && seg.tag.equals(s.tag()) && (!strict || matches(seg, s))) {
                    return new Match(depth, i, strict);
                }
            } else if (n instanceof Outline.Loop loop && loop.trigger() != null) {
                boolean anyOrder = loop.trigger().tag.equals("HL");
                if ((i > f.pointer || anyOrder || (i == f.pointer && f.used[i] > 0)) && loop.trigger().tag.equals(s.tag())
                        && (!strict || matches(loop.trigger(), s))) {
                    return new Match(depth, i, strict);
                }
            }
        }
        return null;
    }

    private static boolean matches(Outline.Seg seg, Segment s) {
        Map.Entry<String, Outline.Rule> d = seg.discriminator();
        if (d == null) {
            return true;
        }
        String value = s.get(Integer.parseInt(d.getKey()));
        return value != null && d.getValue().codes().contains(value);
    }

    private void close(Frame f, Segment at) {
        for (int i = 0; i < f.loop.children.size(); i++) {
            Outline.Node n = f.loop.children.get(i);
            if (f.used[i] > 0) {
                continue;
            }
            if (n instanceof Outline.Seg seg && seg.required) {
                problems.add(new X12Problem(ProblemCode.REQUIRED_SEGMENT_MISSING, at.ordinal(), seg.tag, 0,
                        "loop " + f.loop.id + " lacks its required " + seg.tag + " (" + seg.name + ")"));
            } else if (n instanceof Outline.Loop loop && loop.trigger() != null && loop.trigger().required) {
                problems.add(new X12Problem(ProblemCode.REQUIRED_SEGMENT_MISSING, at.ordinal(), loop.trigger().tag, 0,
                        "required loop " + loop.id + " (" + loop.trigger().tag + " " + loop.trigger().name + ") is missing"
                                + (f.loop == null || f.loop.id.equals("transaction") ? "" : " in loop " + f.loop.id)));
            }
        }
    }

    /** Required elements present, codes from the guide's lists, nothing where the guide uses nothing. */
    private void elements(Segment s, Outline.Seg seg, String loop) {
        if (seg.rules.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Outline.Rule> e : seg.rules.entrySet()) {
            String[] pos = e.getKey().split("\\.");
            int element = Integer.parseInt(pos[0]);
            Outline.Rule rule = e.getValue();
            if (pos.length == 2 && !present(s, element)) {
                continue; // components of an absent composite
            }
            List<String> values = pos.length == 2 ? List.of(nullToEmpty(s.component(element, Integer.parseInt(pos[1]))))
                    : s.repetitions(element).isEmpty() ? List.of(nullToEmpty(s.get(element))) : s.repetitions(element);
            boolean composite = pos.length == 1 && seg.rules.containsKey(element + ".1");
            for (String v : values) {
                if (v.isEmpty()) {
                    if (rule.required() && (!composite || !present(s, element))) {
                        problems.add(new X12Problem(ProblemCode.REQUIRED_ELEMENT_MISSING, s.ordinal(), s.tag(), element,
                                rule.label() + " is required in loop " + loop));
                    }
                } else if (rule.codes() != null && !composite && !rule.codes().contains(v)) {
                    problems.add(new X12Problem(ProblemCode.CODE_NOT_ALLOWED, s.ordinal(), s.tag(), element,
                            rule.label() + " code " + v + " is not one the guide allows in loop " + loop));
                }
            }
        }
        for (int element = 1; element <= s.elements().size(); element++) {
            if (present(s, element) && !seg.rules.containsKey(Integer.toString(element)) && !seg.rules.containsKey(element + ".1")) {
                problems.add(new X12Problem(ProblemCode.ELEMENT_NOT_USED, s.ordinal(), s.tag(), element,
                        s.tag() + String.format("%02d", element) + " is not used by the guide in loop " + loop));
            }
        }
    }

    private static boolean present(Segment s, int element) {
        if (element > s.elements().size()) {
            return false;
        }
        return s.elements().get(element - 1).stream().flatMap(List::stream).anyMatch(v -> v != null && !v.isEmpty());
    }

    private static String nullToEmpty(String v) {
        return v == null ? "" : v;
    }
}
