package io.rcmos.x12.read;

import io.rcmos.x12.model.Acknowledgement;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads acknowledgements: TA1 (interchange) and 999 (005010X231A1 implementation acknowledgement) into an
 * {@link Acknowledgement}, each code with its meaning from the X12 code lists. Problems come back alongside,
 * never as exceptions; input with neither a TA1 nor a 999 is reported as {@code NOT_AN_ACKNOWLEDGEMENT}.
 */
public final class AcknowledgementReader {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private static final Map<String, String> GROUP_STATUS = Map.of("A", "Accepted", "E", "Accepted, but errors were noted",
            "M", "Rejected, message authentication code (MAC) failed", "P", "Partially accepted, at least one transaction set was rejected",
            "R", "Rejected", "W", "Rejected, assurance failed validity tests", "X", "Rejected, content after decryption could not be analyzed");
    private static final Map<String, String> SET_STATUS = Map.of("A", "Accepted", "E", "Accepted but errors were noted",
            "M", "Rejected, message authentication code (MAC) failed", "R", "Rejected", "W", "Rejected, assurance failed validity tests",
            "X", "Rejected, content after decryption could not be analyzed");
    private static final Map<String, String> SEGMENT_ERRORS = Map.ofEntries(
            Map.entry("1", "Unrecognized segment ID"), Map.entry("2", "Unexpected segment"), Map.entry("3", "Required segment missing"),
            Map.entry("4", "Loop occurs over maximum times"), Map.entry("5", "Segment exceeds maximum use"),
            Map.entry("6", "Segment not in defined transaction set"), Map.entry("7", "Segment not in proper sequence"),
            Map.entry("8", "Segment has data element errors"), Map.entry("I4", "Implementation \"Not Used\" segment present"),
            Map.entry("I6", "Implementation dependent segment missing"), Map.entry("I7", "Implementation loop occurs under minimum times"),
            Map.entry("I8", "Implementation segment below minimum use"), Map.entry("I9", "Implementation dependent \"Not Used\" segment present"));
    private static final Map<String, String> ELEMENT_ERRORS = Map.ofEntries(
            Map.entry("1", "Required data element missing"), Map.entry("2", "Conditional required data element missing"),
            Map.entry("3", "Too many data elements"), Map.entry("4", "Data element too short"), Map.entry("5", "Data element too long"),
            Map.entry("6", "Invalid character in data element"), Map.entry("7", "Invalid code value"), Map.entry("8", "Invalid date"),
            Map.entry("9", "Invalid time"), Map.entry("10", "Exclusion condition violated"), Map.entry("12", "Too many repetitions"),
            Map.entry("13", "Too many components"), Map.entry("I10", "Implementation \"Not Used\" data element present"),
            Map.entry("I11", "Implementation too few repetitions"), Map.entry("I12", "Implementation pattern match failure"),
            Map.entry("I13", "Implementation dependent \"Not Used\" data element present"),
            Map.entry("I6", "Code value not used in implementation"), Map.entry("I9", "Implementation dependent data element missing"));
    private static final Map<String, String> TA1_NOTES = Map.ofEntries(
            Map.entry("000", "No error"), Map.entry("001", "The interchange control number in the header and trailer do not match"),
            Map.entry("002", "This standard as noted in the control standards identifier is not supported"),
            Map.entry("003", "This version of the controls is not supported"), Map.entry("004", "The segment terminator is invalid"),
            Map.entry("005", "Invalid interchange ID qualifier for sender"), Map.entry("006", "Invalid interchange sender ID"),
            Map.entry("007", "Invalid interchange ID qualifier for receiver"), Map.entry("008", "Invalid interchange receiver ID"),
            Map.entry("014", "Invalid interchange date value"), Map.entry("015", "Invalid interchange time value"),
            Map.entry("018", "Invalid interchange control number value"), Map.entry("021", "Invalid number of included groups value"),
            Map.entry("022", "Invalid control structure"), Map.entry("023", "Improper (premature) end-of-file (transmission)"),
            Map.entry("024", "Invalid interchange content (e.g., invalid GS segment)"), Map.entry("025", "Duplicate interchange control number"),
            Map.entry("026", "Invalid data element separator"), Map.entry("027", "Invalid component element separator"));

    /** A read acknowledgement and the problems found. */
    public record Read(Acknowledgement result, List<X12Problem> problems) {
    }

    public Read read(byte[] x12) {
        X12Tokens.Tokens tokens = X12Tokens.read(x12);
        List<X12Problem> problems = new ArrayList<>(tokens.problems());
        Acknowledgement.InterchangeAck interchange = null;
        List<Acknowledgement.GroupAck> groups = new ArrayList<>();
        GroupBuilder group = null;
        for (Segment s : tokens.segments()) {
            switch (s.tag()) {
                case "TA1" -> interchange = new Acknowledgement.InterchangeAck(s.get(1), date(s.get(2)), s.get(3), s.get(4), s.get(5),
                        s.get(5) == null ? null : TA1_NOTES.getOrDefault(s.get(5), s.get(5)));
                case "ST" -> group = "999".equals(s.get(1)) ? new GroupBuilder() : null;
                case "AK1" -> {
                    if (group != null) {
                        group.ak1 = s;
                    }
                }
                case "AK2" -> {
                    if (group != null) {
                        group.sets.add(new SetBuilder(s));
                    }
                }
                case "IK3" -> {
                    if (group != null && !group.sets.isEmpty()) {
                        group.set().segments.add(new SegmentBuilder(s));
                    }
                }
                case "CTX" -> {
                    if (group != null && !group.sets.isEmpty() && !group.set().segments.isEmpty()) {
                        group.set().segment().context.add(context(s));
                    }
                }
                case "IK4" -> {
                    if (group != null && !group.sets.isEmpty() && !group.set().segments.isEmpty()) {
                        String position = s.component(1, 1) + (s.component(1, 2) == null ? "" : "." + s.component(1, 2));
                        group.set().segment().elements.add(new Acknowledgement.ElementError(position, s.get(2), s.get(3),
                                s.get(3) == null ? null : ELEMENT_ERRORS.getOrDefault(s.get(3), s.get(3)), s.get(4)));
                    }
                }
                case "IK5" -> {
                    if (group != null && !group.sets.isEmpty()) {
                        group.set().ik5 = s;
                    }
                }
                case "AK9" -> {
                    if (group != null) {
                        group.ak9 = s;
                    }
                }
                case "SE" -> {
                    if (group != null) {
                        groups.add(group.build());
                        group = null;
                    }
                }
                default -> {
                }
            }
        }
        if (group != null) {
            groups.add(group.build());
        }
        if (interchange == null && groups.isEmpty()) {
            problems.add(new X12Problem(ProblemCode.NOT_AN_ACKNOWLEDGEMENT, 0, null, 0, "no TA1 segment and no 999 transaction set in the input"));
            return new Read(null, problems);
        }
        return new Read(new Acknowledgement(interchange, List.copyOf(groups)), problems);
    }

    private static final class GroupBuilder {
        Segment ak1;
        Segment ak9;
        final List<SetBuilder> sets = new ArrayList<>();

        SetBuilder set() {
            return sets.get(sets.size() - 1);
        }

        Acknowledgement.GroupAck build() {
            String status = ak9 == null ? null : ak9.get(1);
            List<String> errors = new ArrayList<>();
            for (int i = 5; ak9 != null && i <= 9; i++) {
                if (ak9.get(i) != null) {
                    errors.add(ak9.get(i));
                }
            }
            return new Acknowledgement.GroupAck(ak1 == null ? null : ak1.get(1), ak1 == null ? null : ak1.get(2),
                    ak1 == null ? null : ak1.get(3), status, status == null ? null : GROUP_STATUS.getOrDefault(status, status),
                    number(ak9, 2), number(ak9, 3), number(ak9, 4), errors, sets.stream().map(SetBuilder::build).toList());
        }
    }

    private static final class SetBuilder {
        final Segment ak2;
        Segment ik5;
        final List<SegmentBuilder> segments = new ArrayList<>();

        SetBuilder(Segment ak2) {
            this.ak2 = ak2;
        }

        SegmentBuilder segment() {
            return segments.get(segments.size() - 1);
        }

        Acknowledgement.SetAck build() {
            String status = ik5 == null ? null : ik5.get(1);
            List<String> codes = new ArrayList<>();
            for (int i = 2; ik5 != null && i <= 6; i++) {
                if (ik5.get(i) != null) {
                    codes.add(ik5.get(i));
                }
            }
            return new Acknowledgement.SetAck(ak2.get(1), ak2.get(2), status, status == null ? null : SET_STATUS.getOrDefault(status, status),
                    codes, segments.stream().map(SegmentBuilder::build).toList());
        }
    }

    private static final class SegmentBuilder {
        final Segment ik3;
        final List<Acknowledgement.ElementError> elements = new ArrayList<>();
        final List<String> context = new ArrayList<>();

        SegmentBuilder(Segment ik3) {
            this.ik3 = ik3;
        }

        Acknowledgement.SegmentError build() {
            String code = ik3.get(4);
            return new Acknowledgement.SegmentError(ik3.get(1), number(ik3, 2), ik3.get(3), code,
                    code == null ? null : SEGMENT_ERRORS.getOrDefault(code, code), List.copyOf(elements), List.copyOf(context));
        }
    }

    /** CTX as read: elements separated by blanks, components by colons (CTX01 is context name:reference). */
    private static String context(Segment ctx) {
        List<String> parts = new ArrayList<>();
        for (List<List<String>> element : ctx.elements()) {
            if (!element.isEmpty() && !element.get(0).isEmpty() && !String.join("", element.get(0)).isEmpty()) {
                parts.add(String.join(":", element.get(0)));
            }
        }
        return String.join(" ", parts);
    }

    private static Integer number(Segment s, int position) {
        try {
            return s == null || s.get(position) == null ? null : Integer.valueOf(s.get(position));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String yymmdd) {
        try {
            return yymmdd == null || yymmdd.length() != 6 ? null : LocalDate.parse(yymmdd, YYMMDD);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
