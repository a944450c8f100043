package io.rcmos.x12.read;

import static io.rcmos.x12.read.X12Values.date;
import static io.rcmos.x12.read.X12Values.decimal;
import static io.rcmos.x12.read.X12Values.range;

import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.Source;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a 277 claim status response (005010X212; a 277CA, 005010X214, reads the same way). The HL level decides what
 * a TRN opens: under a subscriber (22), dependent (23) or a 277CA patient (PT) it opens a claim (2200D/2200E); under the information receiver (21) or provider (19) it carries a
 * status about the whole request (2200B/2200C), which becomes an error of the result (code {@code category:status},
 * loop named) because no claim can be answered. A claim keeps every STC composite (STC01, STC10, STC11) in
 * {@code statuses}; its first is also spread into the flat fields (STC02 effective date, STC04 charge, STC05 paid,
 * STC08 check/EFT date, STC09 check/EFT number). REF*1K is the payer claim number, REF*EJ the patient control number
 * (REF*BLT the bill type), DTP*472 the service dates; each SVC opens a service line with its own STCs and DTP*472.
 * Problems come back alongside, never as exceptions.
 */
public final class ClaimStatus277Reader {

    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("A0", "Acknowledgement/Forwarded"), Map.entry("A1", "Acknowledgement/Receipt"),
            Map.entry("A2", "Acknowledgement/Acceptance into adjudication system"), Map.entry("A3", "Acknowledgement/Returned as unprocessable claim"),
            Map.entry("A4", "Acknowledgement/Not Found"), Map.entry("A6", "Acknowledgement/Rejected for Missing Information"),
            Map.entry("A7", "Acknowledgement/Rejected for Invalid Information"), Map.entry("A8", "Acknowledgement/Rejected for relational field in error"),
            Map.entry("P0", "Pending: Adjudication/Details"), Map.entry("P1", "Pending/In Process"), Map.entry("P2", "Pending/Payer Review"),
            Map.entry("P3", "Pending/Provider Requested Information"), Map.entry("P4", "Pending/Patient Requested Information"),
            Map.entry("P5", "Pending/Payer Administrative/System hold"), Map.entry("F0", "Finalized"), Map.entry("F1", "Finalized/Payment"),
            Map.entry("F2", "Finalized/Denial"), Map.entry("F3", "Finalized/Revised"), Map.entry("F3F", "Finalized/Forwarded"),
            Map.entry("F3N", "Finalized/Not Forwarded"), Map.entry("F4", "Finalized/Adjudication Complete - No payment forthcoming"),
            Map.entry("R0", "Requests for additional Information/General Requests"), Map.entry("R1", "Requests for additional Information/Entity Requests"),
            Map.entry("R3", "Requests for additional Information/Claim/Line"), Map.entry("E0", "Response not possible - error on submitted request data"),
            Map.entry("E1", "Response not possible - System Status"), Map.entry("E2", "Information Holder is not responding; resubmit at a later time"),
            Map.entry("E3", "Correction required - relational fields in error"), Map.entry("E4", "Trading partner agreement specific requirement not met"),
            Map.entry("D0", "Data Search Unsuccessful"));

    /** A read 277: every claim and the problems found. */
    public record Read(ClaimStatusResult result, List<X12Problem> problems) {
    }

    /** The description of a claim status category code (code list 507), or the code itself. */
    public static String categoryDescription(String category) {
        return category == null ? null : CATEGORIES.getOrDefault(category, category);
    }

    private static final class LineBuilder {
        final String procedure;
        final BigDecimal charge;
        final BigDecimal paid;
        LocalDate date;
        final List<ClaimStatusResult.Status> statuses = new ArrayList<>();

        LineBuilder(X12Stream.Fields svc) {
            procedure = svc.component(1, 2);
            charge = decimal(svc.get(2));
            paid = decimal(svc.get(3));
        }

        ClaimStatusResult.ServiceLine build() {
            ClaimStatusResult.Status first = statuses.isEmpty() ? null : statuses.get(0);
            return new ClaimStatusResult.ServiceLine(procedure, charge, paid, first == null ? null : first.categoryCode(),
                    first == null ? null : first.statusCode(), date, List.copyOf(statuses));
        }
    }

    private static final class ClaimBuilder {
        String payerClaimNumber;
        String pcn;
        boolean hasStc;
        BigDecimal charge; // STC04 of the claim's first STC
        BigDecimal paid; // STC05
        LocalDate paidOn; // STC08
        String checkNumber; // STC09
        LocalDate serviceFrom;
        LocalDate serviceTo;
        final List<ClaimStatusResult.Status> statuses = new ArrayList<>();
        final List<ClaimStatusResult.ServiceLine> lines = new ArrayList<>();
        LineBuilder line;

        ClaimStatusResult.Claim build() {
            closeLine();
            ClaimStatusResult.Status first = statuses.isEmpty() ? null : statuses.get(0);
            String category = first == null ? null : first.categoryCode();
            return new ClaimStatusResult.Claim(payerClaimNumber, pcn, category, first == null ? null : first.statusCode(),
                    first == null ? null : first.entityCode(), categoryDescription(category),
                    first == null ? null : first.effectiveDate(),
                    charge, paid, paidOn, checkNumber,
                    List.copyOf(lines), serviceFrom, serviceTo, List.copyOf(statuses));
        }

        void closeLine() {
            if (line != null) {
                lines.add(line.build());
                line = null;
            }
        }
    }

    /** The segments this reader looks at; StAEDI still checks every other one. */
    private static final Set<String> WANTED = Set.of("ST", "HL", "SE", "TRN", "STC", "REF", "DTP", "SVC");

    public Read read(byte[] x12) {
        Reading reading = new Reading();
        List<X12Problem> problems = X12Stream.read(x12, reading);
        if (!reading.is277) {
            problems.add(new X12Problem(ProblemCode.NOT_A_277, 0, null, 0, "no 277 transaction set (ST*277) in the input"));
            return new Read(null, problems);
        }
        if (reading.claim != null) {
            reading.claims.add(reading.claim.build());
        }
        return new Read(new ClaimStatusResult(reading.claims, reading.levelErrors, Source.CLEARINGHOUSE), problems);
    }

    /** One read in progress: StAEDI's segments go straight into claims, lines and statuses, in order. */
    private static final class Reading implements X12Stream.Handler {
        boolean is277;
        final List<ClaimStatusResult.Claim> claims = new ArrayList<>();
        final List<AaaError> levelErrors = new ArrayList<>();
        ClaimBuilder claim;
        String level;
        boolean levelTrn;

        @Override
        public boolean wants(String tag) {
            return WANTED.contains(tag);
        }

        @Override
        public void segment(X12Stream.Fields s) {
            switch (s.tag()) {
                case "ST" -> is277 |= "277".equals(s.get(1));
                case "HL", "SE" -> {
                    if (claim != null) {
                        claims.add(claim.build());
                        claim = null;
                    }
                    level = "HL".equals(s.tag()) ? s.get(3) : null;
                    levelTrn = false;
                }
                case "TRN" -> {
                    if (claim != null) {
                        claims.add(claim.build());
                        claim = null;
                    }
                    if ("22".equals(level) || "23".equals(level) || "PT".equals(level)) {
                        claim = new ClaimBuilder();
                    } else {
                        levelTrn = true;
                    }
                }
                case "STC" -> {
                    if (claim != null) {
                        List<ClaimStatusResult.Status> target = claim.line != null ? claim.line.statuses : claim.statuses;
                        if (claim.line == null && !claim.hasStc) {
                            claim.hasStc = true;
                            claim.charge = decimal(s.get(4));
                            claim.paid = decimal(s.get(5));
                            claim.paidOn = date(s.get(8));
                            claim.checkNumber = s.get(9);
                        }
                        statuses(s, target);
                    } else if (levelTrn) {
                        List<ClaimStatusResult.Status> found = new ArrayList<>();
                        statuses(s, found);
                        String loop = "21".equals(level) ? "2200B" : "19".equals(level) ? "2200C" : "2200A";
                        for (ClaimStatusResult.Status st : found) {
                            levelErrors.add(new AaaError(st.categoryCode() + (st.statusCode() == null ? "" : ":" + st.statusCode()),
                                    categoryDescription(st.categoryCode()), null, loop));
                        }
                    }
                }
                case "REF" -> {
                    if (claim != null && claim.line == null) {
                        if ("1K".equals(s.get(1))) {
                            claim.payerClaimNumber = s.get(2);
                        } else if ("EJ".equals(s.get(1))) {
                            claim.pcn = s.get(2);
                        }
                    }
                }
                case "DTP" -> {
                    if (claim != null && "472".equals(s.get(1))) {
                        LocalDate[] range = range(s.get(2), s.get(3));
                        if (claim.line != null) {
                            claim.line.date = range[0];
                        } else {
                            claim.serviceFrom = range[0];
                            claim.serviceTo = range[1] != null ? range[1] : range[0];
                        }
                    }
                }
                case "SVC" -> {
                    if (claim != null) {
                        claim.closeLine();
                        claim.line = new LineBuilder(s);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static final int[] STATUS_COMPOSITES = {1, 10, 11};

    /** STC01, STC10 and STC11 are each a status composite; all share STC02's date. */
    private static void statuses(X12Stream.Fields stc, List<ClaimStatusResult.Status> into) {
        LocalDate effective = date(stc.get(2));
        for (int position : STATUS_COMPOSITES) {
            String category = stc.component(position, 1);
            if (category != null) {
                into.add(new ClaimStatusResult.Status(category, stc.component(position, 2), stc.component(position, 3), effective));
            }
        }
    }
}
