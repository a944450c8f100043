package io.rcmos.x12.read;


import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an interchange against X12 syntax and envelope rules (StAEDI: delimiters from ISA, counts, control numbers)
 * and, for 270/271 (005010X279A1) and 276/277 (005010X212), against the implementation guide's published outline:
 * loop structure, required and repeated segments, required elements, code values, HL numbering and dates. Each
 * problem names the segment's position in the interchange, its tag, the element, the loop, and a stable code from
 * {@link ProblemCode}. Messages never quote data values (they may be PHI), only codes.
 */
public final class X12Validator {

    private static final Map<String, Outline> OUTLINES = Map.of(
            "270", Outline.load("X279A1-HS270.outline.txt", "270", "005010X279A1"),
            "271", Outline.load("X279A1-HB271.outline.txt", "271", "005010X279A1"),
            "276", Outline.load("X212-HR276.outline.txt", "276", "005010X212"),
            "277", Outline.load("X212-HN277.outline.txt", "277", "005010X212"));
    private static final Map<String, String> FUNCTIONAL_GROUPS = Map.of("270", "HS", "271", "HB", "276", "HR", "277", "HN");
    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

    private X12Validator() {
    }

    /** Every problem found; empty when the interchange is valid. Never throws. */
    public static List<X12Problem> validate(byte[] bytes) {
        List<X12Problem> problems = new ArrayList<>();
        try {
            X12Tokens.Tokens tokens = X12Tokens.read(bytes);
            problems.addAll(tokens.problems());
            Segment gs = null;
            List<Segment> set = null;
            for (Segment s : tokens.segments()) {
                switch (s.tag()) {
                    case "GS" -> gs = s;
                    case "ST" -> set = new ArrayList<>(List.of(s));
                    case "SE" -> {
                        if (set != null) {
                            set.add(s);
                            transaction(gs, set, problems);
                            set = null;
                        }
                    }
                    default -> {
                        if (set != null) {
                            set.add(s);
                        }
                    }
                }
            }
            if (set != null) {
                transaction(gs, set, problems);
            }
        } catch (RuntimeException e) {
            problems.add(new X12Problem(ProblemCode.UNREADABLE, 0, null, 0, "the input could not be validated: " + e.getClass().getSimpleName()));
        }
        return problems;
    }

    private static void transaction(Segment gs, List<Segment> set, List<X12Problem> problems) {
        Segment st = set.get(0);
        Outline outline = OUTLINES.get(st.get(1));
        if (outline == null) {
            return; // 999, 837…: envelope checks only
        }
        if (gs != null && !FUNCTIONAL_GROUPS.get(outline.transaction).equals(gs.get(1))) {
            problems.add(new X12Problem(ProblemCode.WRONG_FUNCTIONAL_GROUP, gs.ordinal(), "GS", 1,
                    "GS01 must be " + FUNCTIONAL_GROUPS.get(outline.transaction) + " for a " + outline.transaction + ", not " + gs.get(1)));
        }
        String version = st.get(3) != null ? st.get(3) : gs == null ? null : gs.get(8);
        if (version == null || !version.equals(outline.version)) {
            problems.add(new X12Problem(ProblemCode.WRONG_VERSION, st.ordinal(), "ST", 3, "this " + outline.transaction
                    + " declares " + version + "; the implementation guide checked is " + outline.version));
        }
        if (gs != null && st.get(3) != null && gs.get(8) != null && !gs.get(8).equals(st.get(3))) {
            problems.add(new X12Problem(ProblemCode.WRONG_VERSION, gs.ordinal(), "GS", 8, "GS08 " + gs.get(8)
                    + " differs from ST03 " + st.get(3)));
        }
        new Walker(outline, problems).walk(set);
        hierarchy(set, problems);
        dates(set, problems);
    }

    /** HL01 counts 1, 2, 3…; HL02 names an HL already seen. */
    private static void hierarchy(List<Segment> set, List<X12Problem> problems) {
        Set<String> seen = new HashSet<>();
        int expected = 1;
        for (Segment s : set) {
            if (!s.tag().equals("HL")) {
                continue;
            }
            String id = s.get(1);
            if (id == null || !id.equals(Integer.toString(expected))) {
                problems.add(new X12Problem(ProblemCode.HL_NUMBERING, s.ordinal(), "HL", 1,
                        "HL01 must be " + expected + " (hierarchical ids count up from 1)"));
            }
            expected++;
            String parent = s.get(2);
            if (parent != null && !seen.contains(parent)) {
                problems.add(new X12Problem(ProblemCode.HL_PARENT_UNKNOWN, s.ordinal(), "HL", 2,
                        "HL02 names a parent that is not an earlier HL01"));
            }
            if (id != null) {
                seen.add(id);
            }
        }
    }

    private static void dates(List<Segment> set, List<X12Problem> problems) {
        for (Segment s : set) {
            if (s.tag().equals("BHT") && s.get(4) != null && !date(s.get(4))) {
                problems.add(new X12Problem(ProblemCode.BAD_DATE, s.ordinal(), "BHT", 4, "BHT04 is not a date in CCYYMMDD form"));
            }
            if (s.tag().equals("DTP") && s.get(3) != null) {
                String format = s.get(2);
                String v = s.get(3);
                boolean ok = "D8".equals(format) ? date(v)
                        : !"RD8".equals(format) || (v.length() == 17 && v.charAt(8) == '-' && date(v.substring(0, 8)) && date(v.substring(9))
                        && v.substring(0, 8).compareTo(v.substring(9)) <= 0);
                if (!ok) {
                    problems.add(new X12Problem(ProblemCode.BAD_DATE, s.ordinal(), "DTP", 3, "DTP03 is not a "
                            + ("RD8".equals(format) ? "range CCYYMMDD-CCYYMMDD (start not after end)" : "date in CCYYMMDD form")));
                }
            }
        }
    }

    private static boolean date(String v) {
        try {
            return v.length() == 8 && LocalDate.parse(v, D8) != null;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
