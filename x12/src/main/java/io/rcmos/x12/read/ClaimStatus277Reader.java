package io.rcmos.x12.read;

import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.Source;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a 277 claim status response (005010X212): each TRN (2200D/2200E) opens a claim; its first STC is the claim's
 * status (STC01 category:status:entity, STC02 effective date, STC04 charge, STC05 paid, STC08 check/EFT date, STC09
 * check/EFT number), REF*1K the payer claim number, REF*EJ the patient control number; each SVC opens a service line
 * whose STC is the line's status. Problems come back alongside, never as exceptions.
 */
public final class ClaimStatus277Reader {

    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

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

    private static final class ClaimBuilder {
        String payerClaimNumber;
        String pcn;
        String category;
        String status;
        String entity;
        LocalDate effective;
        BigDecimal charge;
        BigDecimal paid;
        LocalDate paidDate;
        String check;
        final List<ClaimStatusResult.ServiceLine> lines = new ArrayList<>();
        String[] line; // procedure, charge, paid, category, status while a service line is open

        ClaimStatusResult.Claim build() {
            closeLine();
            return new ClaimStatusResult.Claim(payerClaimNumber, pcn, category, status, entity,
                    category == null ? null : CATEGORIES.getOrDefault(category, category), effective, charge, paid, paidDate, check,
                    List.copyOf(lines));
        }

        void closeLine() {
            if (line != null) {
                lines.add(new ClaimStatusResult.ServiceLine(line[0], decimal(line[1]), decimal(line[2]), line[3], line[4]));
                line = null;
            }
        }
    }

    public Read read(byte[] x12) {
        X12Tokens.Tokens tokens = X12Tokens.read(x12);
        List<X12Problem> problems = new ArrayList<>(tokens.problems());
        if (tokens.segments().stream().noneMatch(s -> s.tag().equals("ST") && "277".equals(s.get(1)))) {
            problems.add(new X12Problem("NOT_A_277", 0, null, 0, "no 277 transaction set (ST*277) in the input"));
            return new Read(null, problems);
        }
        List<ClaimStatusResult.Claim> claims = new ArrayList<>();
        ClaimBuilder claim = null;
        for (Segment s : tokens.segments()) {
            switch (s.tag()) {
                case "HL", "SE" -> {
                    if (claim != null) {
                        claims.add(claim.build());
                        claim = null;
                    }
                }
                case "TRN" -> {
                    if (claim != null) {
                        claims.add(claim.build());
                    }
                    claim = new ClaimBuilder();
                }
                case "STC" -> {
                    if (claim == null) {
                        break;
                    }
                    if (claim.line != null) {
                        if (claim.line[3] == null) {
                            claim.line[3] = s.component(1, 1);
                            claim.line[4] = s.component(1, 2);
                        }
                    } else if (claim.category == null) {
                        claim.category = s.component(1, 1);
                        claim.status = s.component(1, 2);
                        claim.entity = s.component(1, 3);
                        claim.effective = date(s.get(2));
                        claim.charge = decimal(s.get(4));
                        claim.paid = decimal(s.get(5));
                        claim.paidDate = date(s.get(8));
                        claim.check = s.get(9);
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
                case "SVC" -> {
                    if (claim != null) {
                        claim.closeLine();
                        claim.line = new String[]{s.component(1, 2), s.get(2), s.get(3), null, null};
                    }
                }
                default -> {
                }
            }
        }
        if (claim != null) {
            claims.add(claim.build());
        }
        return new Read(new ClaimStatusResult(claims, List.of(), Source.CLEARINGHOUSE), problems);
    }

    private static LocalDate date(String d8) {
        try {
            return d8 == null || d8.length() != 8 ? null : LocalDate.parse(d8, D8);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal decimal(String value) {
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
