package io.rcmos.x12.read;

import static io.rcmos.x12.read.X12Values.date;
import static io.rcmos.x12.read.X12Values.decimal;
import static io.rcmos.x12.read.X12Values.range;

import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.BenefitSummary;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a 271 (005010X279A1) into an {@link EligibilityResult}: payer (2100A), the inquired person (2100C, or 2100D
 * when the answer is about a dependent), plan dates (DTP 346/347/291/307) and group (REF 6P/IG), every EB with its
 * qualifiers and the MSG texts that follow it, AAA rejects from any loop with that loop's name, and the summaries of
 * {@link BenefitSummary}. Problems (envelope counts, control numbers, syntax) come back alongside, never as exceptions.
 */
public final class Eligibility271Reader {

    /** EB01 codes and the names billing staff know them by. */
    private static final Map<String, String> EB_NAMES = Map.ofEntries(
            Map.entry("1", "Active Coverage"), Map.entry("2", "Active - Full Risk Capitation"), Map.entry("3", "Active - Services Capitated"),
            Map.entry("4", "Active - Services Capitated to Primary Care Physician"), Map.entry("5", "Active - Pending Investigation"),
            Map.entry("6", "Inactive"), Map.entry("7", "Inactive - Pending Eligibility Update"), Map.entry("8", "Inactive - Pending Investigation"),
            Map.entry("A", "Co-Insurance"), Map.entry("B", "Co-Payment"), Map.entry("C", "Deductible"), Map.entry("CB", "Coverage Basis"),
            Map.entry("D", "Benefit Description"), Map.entry("E", "Exclusions"), Map.entry("F", "Limitations"),
            Map.entry("G", "Out of Pocket (Stop Loss)"), Map.entry("H", "Unlimited"), Map.entry("I", "Non-Covered"),
            Map.entry("J", "Cost Containment"), Map.entry("K", "Reserve"), Map.entry("L", "Primary Care Provider"),
            Map.entry("M", "Pre-existing Condition"), Map.entry("MC", "Managed Care Coordinator"), Map.entry("N", "Services Restricted to Following Provider"),
            Map.entry("O", "Not Deemed a Medical Necessity"), Map.entry("P", "Benefit Disclaimer"), Map.entry("Q", "Second Surgical Opinion Required"),
            Map.entry("R", "Other or Additional Payor"), Map.entry("S", "Prior Year(s) History"), Map.entry("T", "Card(s) Reported Lost/Stolen"),
            Map.entry("U", "Contact Following Entity for Eligibility or Benefit Information"), Map.entry("V", "Cannot Process"),
            Map.entry("W", "Other Source of Data"), Map.entry("X", "Health Care Facility"), Map.entry("Y", "Spend Down"));

    /** The AAA reject reasons a 271 may carry. */
    static final Map<String, String> AAA_REASONS = Map.ofEntries(
            Map.entry("04", "Authorized Quantity Exceeded"), Map.entry("15", "Required application data missing"),
            Map.entry("41", "Authorization/Access Restrictions"), Map.entry("42", "Unable to Respond at Current Time"),
            Map.entry("43", "Invalid/Missing Provider Identification"), Map.entry("44", "Invalid/Missing Provider Name"),
            Map.entry("45", "Invalid/Missing Provider Specialty"), Map.entry("46", "Invalid/Missing Provider Phone Number"),
            Map.entry("47", "Invalid/Missing Provider State"), Map.entry("48", "Invalid/Missing Referring Provider Identification Number"),
            Map.entry("49", "Provider is Not Primary Care Physician"), Map.entry("50", "Provider Ineligible for Inquiries"),
            Map.entry("51", "Provider Not on File"), Map.entry("52", "Service Dates Not Within Provider Plan Enrollment"),
            Map.entry("56", "Inappropriate Date"), Map.entry("57", "Invalid/Missing Date(s) of Service"),
            Map.entry("58", "Invalid/Missing Date-of-Birth"), Map.entry("60", "Date of Birth Follows Date(s) of Service"),
            Map.entry("61", "Date of Death Precedes Date(s) of Service"), Map.entry("62", "Date of Service Not Within Allowable Inquiry Period"),
            Map.entry("63", "Date of Service in Future"), Map.entry("64", "Invalid/Missing Patient ID"),
            Map.entry("65", "Invalid/Missing Patient Name"), Map.entry("66", "Invalid/Missing Patient Gender Code"),
            Map.entry("67", "Patient Not Found"), Map.entry("68", "Duplicate Patient ID Number"),
            Map.entry("71", "Patient Birth Date Does Not Match That for the Patient on the Database"),
            Map.entry("72", "Invalid/Missing Subscriber/Insured ID"), Map.entry("73", "Invalid/Missing Subscriber/Insured Name"),
            Map.entry("74", "Invalid/Missing Subscriber/Insured Gender Code"), Map.entry("75", "Subscriber/Insured Not Found"),
            Map.entry("76", "Duplicate Subscriber/Insured ID Number"), Map.entry("78", "Subscriber/Insured Not in Group/Plan Identified"),
            Map.entry("79", "Invalid Participant Identification"), Map.entry("80", "No Response received - Transaction Terminated"),
            Map.entry("97", "Invalid or Missing Provider Address"), Map.entry("T4", "Payer Name or Identifier Missing"));

    /** A read 271: the result (null when nothing readable) and the problems found. */
    public record Read(EligibilityResult result, List<X12Problem> problems) {
    }

    /** The segments this reader looks at; StAEDI still checks every other one. */
    private static final Set<String> WANTED = Set.of("ST", "HL", "LS", "LE", "NM1", "DMG", "REF", "DTP", "AAA", "EB", "MSG");

    public Read read(byte[] x12) {
        Reading reading = new Reading();
        List<X12Problem> problems = X12Stream.read(x12, reading);
        if (!reading.is271) {
            problems.add(new X12Problem(ProblemCode.NOT_A_271, 0, null, 0, "no 271 transaction set (ST*271) in the input"));
            return new Read(null, problems);
        }
        return new Read(reading.result(), problems);
    }

    /** One read in progress: StAEDI's segments go straight into the result's parts, in order. */
    private static final class Reading implements X12Stream.Handler {
        boolean is271;
        String level;
        boolean afterName;
        String payerName;
        String payerId;
        Subscriber person;
        LocalDate planBegin;
        LocalDate planEnd;
        String group;
        String planName;
        final List<EligibilityResult.Benefit> benefits = new ArrayList<>();
        final List<AaaError> errors = new ArrayList<>();
        List<String> messages;
        boolean inRelatedEntity;
        List<EligibilityResult.BenefitDate> dates; // the last EB's
        List<EligibilityResult.RelatedEntity> related; // the last EB's

        @Override
        public boolean wants(String tag) {
            return WANTED.contains(tag);
        }

        @Override
        public void segment(X12Stream.Fields s) {
            switch (s.tag()) {
                case "ST" -> is271 |= "271".equals(s.get(1));
                case "HL" -> {
                    level = s.get(3);
                    afterName = false;
                    messages = null;
                }
                case "LS" -> inRelatedEntity = true;
                case "LE" -> inRelatedEntity = false;
                case "NM1" -> {
                    if (inRelatedEntity) {
                        if (!benefits.isEmpty()) {
                            related.add(new EligibilityResult.RelatedEntity(s.get(1),
                                    s.get(4) == null ? s.get(3) : s.get(3) + ", " + s.get(4), s.get(8), s.get(9)));
                        }
                        break;
                    }
                    afterName = true;
                    if ("20".equals(level)) {
                        payerName = s.get(3);
                        payerId = s.get(9);
                    } else if ("22".equals(level) || "23".equals(level)) {
                        String memberId = "22".equals(level) || person == null ? s.get(9) : person.memberId();
                        person = new Subscriber(memberId != null ? memberId : person == null ? null : person.memberId(),
                                s.get(4), s.get(3), person == null || "23".equals(level) ? null : person.dateOfBirth(), null);
                    }
                }
                case "DMG" -> {
                    if (person != null && !inRelatedEntity) {
                        person = new Subscriber(person.memberId(), person.firstName(), person.lastName(), date(s.get(2)), s.get(3));
                    }
                }
                case "REF" -> {
                    if (("6P".equals(s.get(1)) || "IG".equals(s.get(1))) && group == null) {
                        group = s.get(2);
                        planName = s.get(3);
                    }
                }
                case "DTP" -> {
                    if (!benefits.isEmpty() && !inRelatedEntity) {
                        LocalDate[] range = range(s.get(2), s.get(3));
                        dates.add(new EligibilityResult.BenefitDate(s.get(1), range[0], range[1]));
                    } else if (benefits.isEmpty() && !inRelatedEntity) {
                        LocalDate[] range = range(s.get(2), s.get(3));
                        switch (s.get(1) == null ? "" : s.get(1)) {
                            case "346", "356", "307", "291" -> {
                                planBegin = planBegin == null ? range[0] : planBegin;
                                if (range[1] != null) {
                                    planEnd = range[1];
                                }
                            }
                            case "347", "357" -> planEnd = range[0];
                            default -> {
                            }
                        }
                    }
                }
                case "AAA" -> errors.add(new AaaError(s.get(3), s.get(3) == null ? "Rejected" : AAA_REASONS.getOrDefault(s.get(3), "Rejected"), s.get(4),
                        loop(level, afterName)));
                case "EB" -> {
                    messages = new ArrayList<>();
                    dates = new ArrayList<>();
                    related = new ArrayList<>();
                    String code = s.get(1);
                    String auth = s.get(11);
                    String procedure = s.component(13, 2) == null ? null
                            : s.component(13, 1) == null ? s.component(13, 2) : s.component(13, 1) + ":" + s.component(13, 2);
                    benefits.add(new EligibilityResult.Benefit(code, code == null ? null : EB_NAMES.getOrDefault(code, code),
                            s.repetitions(3), s.get(2), network(s.get(12)), s.get(6), decimal(s.get(7)), decimal(s.get(8)),
                            decimal(s.get(10)), auth == null || "U".equals(auth) ? null : "Y".equals(auth), messages, s.get(4), s.get(5),
                            s.get(9), procedure, dates, related));
                    if ("1".equals(code) && planName == null && s.get(5) != null) {
                        planName = s.get(5);
                    }
                }
                case "MSG" -> {
                    if (messages != null && s.get(1) != null) {
                        messages.add(s.get(1));
                    }
                }
                default -> {
                }
            }
        }

        EligibilityResult result() {
            EligibilityResult.Plan plan = planName == null && group == null && planBegin == null ? null
                    : new EligibilityResult.Plan(planName, group, planBegin, planEnd);
            return new EligibilityResult(BenefitSummary.status(benefits, errors),
                    new EligibilityResult.Party(payerId, payerName), plan, person, List.copyOf(benefits),
                    BenefitSummary.copay(benefits), BenefitSummary.coinsurancePercent(benefits), BenefitSummary.deductible(benefits),
                    BenefitSummary.outOfPocket(benefits), List.copyOf(errors), Source.CLEARINGHOUSE);
        }
    }

    /** The loop an AAA sits in: the level's 2000 loop before its NM1, its 2100 loop after. */
    private static String loop(String level, boolean afterName) {
        String letter = switch (level == null ? "" : level) {
            case "20" -> "A";
            case "21" -> "B";
            case "22" -> "C";
            case "23" -> "D";
            default -> null;
        };
        return letter == null ? null : "Loop " + (afterName ? "2100" : "2000") + letter;
    }

    private static String network(String code) {
        if (code == null) {
            return "unknown";
        }
        return switch (code) {
            case "Y" -> "yes";
            case "N" -> "no";
            case "W" -> "not_applicable";
            default -> "unknown";
        };
    }
}
