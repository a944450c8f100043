package io.rcmos.x12.read;

import static io.rcmos.x12.read.X12Values.date;
import static io.rcmos.x12.read.X12Values.decimal;

import io.rcmos.x12.model.ClaimReference;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the questions: a 270 (005010X279A1) into one {@link EligibilityRequest} per subscriber or dependent asked
 * about, and a 276 (005010X212) into one {@link ClaimStatusRequest} per claim (TRN in 2200D/2200E) — the typed
 * inputs of our API, so a payer-side tool (the simulator, a replay) sees what a provider asked. The information
 * source (NM1*PR) gives the payer id, TRN02 the trace number. Problems come back alongside, never as exceptions.
 */
public final class InquiryReader {

    /** One question read, with the payer it was addressed to and its trace number. */
    public record Inquiry<T>(String payerId, String traceNumber, T request) {
    }

    /** What a 270 or 276 asked, and the problems found. */
    public record Read<T>(List<Inquiry<T>> inquiries, List<X12Problem> problems) {
    }

    private static final class Parties {
        String payerId;
        Provider provider;
        Subscriber subscriber;
        Dependent dependent;
        String trace;
        Segment dmgBeforeName; // a 276 puts DMG before the NM1 it describes
    }

    public Read<EligibilityRequest> read270(byte[] x12) {
        X12Tokens.Tokens tokens = X12Tokens.read(x12);
        List<X12Problem> problems = new ArrayList<>(tokens.problems());
        List<Inquiry<EligibilityRequest>> out = new ArrayList<>();
        if (!has(tokens, "270", problems)) {
            return new Read<>(List.of(), problems);
        }
        Parties p = new Parties();
        List<String> serviceTypes = new ArrayList<>();
        LocalDate dateOfService = null;
        boolean open = false;
        for (Segment s : tokens.segments()) {
            switch (s.tag()) {
                case "HL", "SE" -> {
                    boolean dependentFollows = "HL".equals(s.tag()) && "23".equals(s.get(3));
                    // a subscriber with dependents under it is asked about only when no dependent level follows
                    if (open && !(dependentFollows && p.dependent == null)) {
                        out.add(new Inquiry<>(p.payerId, p.trace, new EligibilityRequest(p.provider, p.subscriber, p.dependent,
                                List.copyOf(serviceTypes), dateOfService)));
                    }
                    open = "HL".equals(s.tag()) && ("22".equals(s.get(3)) || "23".equals(s.get(3)));
                    if (open) {
                        if ("22".equals(s.get(3))) {
                            p.dependent = null;
                        }
                        serviceTypes.clear();
                        dateOfService = null;
                        p.trace = null;
                    }
                }
                case "NM1" -> nm1(s, p);
                case "TRN" -> p.trace = s.get(2);
                case "DMG" -> demographics(s, p);
                case "INS" -> {
                    if (p.dependent != null) {
                        p.dependent = new Dependent(p.dependent.firstName(), p.dependent.lastName(), p.dependent.dateOfBirth(), s.get(2),
                                p.dependent.gender());
                    }
                }
                case "DTP" -> {
                    if ("291".equals(s.get(1))) {
                        dateOfService = date(s.get(3) == null ? null : s.get(3).substring(0, Math.min(8, s.get(3).length())));
                    }
                }
                case "EQ" -> serviceTypes.addAll(s.repetitions(1));
                default -> {
                }
            }
        }
        return new Read<>(List.copyOf(out), problems);
    }

    public Read<ClaimStatusRequest> read276(byte[] x12) {
        X12Tokens.Tokens tokens = X12Tokens.read(x12);
        List<X12Problem> problems = new ArrayList<>(tokens.problems());
        List<Inquiry<ClaimStatusRequest>> out = new ArrayList<>();
        if (!has(tokens, "276", problems)) {
            return new Read<>(List.of(), problems);
        }
        Parties p = new Parties();
        String[] claim = null; // pcn, payer claim number, from, to, charge
        for (Segment s : tokens.segments()) {
            if (claim != null && List.of("TRN", "HL", "SE", "SVC").contains(s.tag())) {
                out.add(new Inquiry<>(p.payerId, p.trace, new ClaimStatusRequest(p.provider, p.subscriber, p.dependent,
                        new ClaimReference(claim[0], claim[1], date(claim[2]), date(claim[3]), decimal(claim[4])))));
                claim = null;
            }
            switch (s.tag()) {
                case "HL" -> {
                    if ("22".equals(s.get(3))) {
                        p.dependent = null;
                    }
                }
                case "NM1" -> {
                    nm1(s, p);
                    if (p.dmgBeforeName != null && ("IL".equals(s.get(1)) || "QC".equals(s.get(1)))) {
                        demographics(p.dmgBeforeName, p);
                        p.dmgBeforeName = null;
                    }
                }
                case "DMG" -> p.dmgBeforeName = s;
                case "TRN" -> {
                    p.trace = s.get(2);
                    claim = new String[5];
                }
                case "REF" -> {
                    if (claim != null && "EJ".equals(s.get(1))) {
                        claim[0] = s.get(2);
                    } else if (claim != null && "1K".equals(s.get(1))) {
                        claim[1] = s.get(2);
                    }
                }
                case "AMT" -> {
                    if (claim != null && "T3".equals(s.get(1))) {
                        claim[4] = s.get(2);
                    }
                }
                case "DTP" -> {
                    if (claim != null && "472".equals(s.get(1)) && s.get(3) != null) {
                        String v = s.get(3);
                        claim[2] = v.substring(0, Math.min(8, v.length()));
                        claim[3] = v.length() == 17 ? v.substring(9) : claim[2];
                    }
                }
                default -> {
                }
            }
        }
        return new Read<>(List.copyOf(out), problems);
    }

    private static boolean has(X12Tokens.Tokens tokens, String type, List<X12Problem> problems) {
        if (tokens.segments().stream().anyMatch(s -> s.tag().equals("ST") && type.equals(s.get(1)))) {
            return true;
        }
        problems.add(new X12Problem(ProblemCode.notA(type), 0, null, 0, "no " + type + " transaction set (ST*" + type + ") in the input"));
        return false;
    }

    private static void nm1(Segment s, Parties p) {
        switch (s.get(1) == null ? "" : s.get(1)) {
            case "PR" -> p.payerId = s.get(9);
            case "1P", "FA" -> p.provider = "2".equals(s.get(2))
                    ? new Provider(s.get(9), s.get(3), null, null, null)
                    : new Provider(s.get(9), null, s.get(4), s.get(3), null);
            case "IL" -> p.subscriber = new Subscriber(s.get(9), s.get(4), s.get(3), null, null);
            case "03", "QC" -> p.dependent = new Dependent(s.get(4), s.get(3), null, null, null);
            default -> {
            }
        }
    }

    /** DMG of the person last named (the dependent when one is named at this level, else the subscriber). */
    private static void demographics(Segment s, Parties p) {
        LocalDate dob = "D8".equals(s.get(1)) ? date(s.get(2)) : null;
        if (p.dependent != null) {
            p.dependent = new Dependent(p.dependent.firstName(), p.dependent.lastName(), dob, p.dependent.relationshipCode(), s.get(3));
        } else if (p.subscriber != null) {
            Subscriber sub = p.subscriber;
            p.subscriber = new Subscriber(sub.memberId(), sub.firstName(), sub.lastName(), dob, s.get(3));
        }
    }
}
