package io.rcmos.server.portal;

import io.rcmos.x12.model.BenefitSummary;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A flow's outputs as the typed results every channel returns. A portal's benefits table becomes the benefits a 271
 * would carry (copay B, co-insurance A, deductible C and out-of-pocket G, each with its network and level), and the
 * summary fields are derived by the same {@link BenefitSummary} the clearinghouse uses — two channels, one answer.
 */
final class PortalAnswers {

    /** Portal service-type labels to X12 service type codes (EB03). */
    private static final Map<String, String> SERVICE_TYPES = Map.of(
            "health benefit plan coverage", "30", "office visit", "98", "specialist", "98", "specialist visit", "98",
            "emergency room", "86", "emergency services", "86", "urgent care", "UC", "out of pocket", "30",
            "hospital", "47", "pharmacy", "88");

    private PortalAnswers() {
    }

    static EligibilityResult eligibility(Map<String, Object> out, EligibilityRequest request, String payerId, String payerName) {
        String status = text(out.get("coverage_status"));
        EligibilityResult.CoverageStatus coverage = switch (status == null ? "" : status) {
            case "active" -> EligibilityResult.CoverageStatus.ACTIVE;
            case "inactive" -> EligibilityResult.CoverageStatus.INACTIVE;
            case "not_found" -> EligibilityResult.CoverageStatus.NOT_FOUND;
            default -> EligibilityResult.CoverageStatus.UNKNOWN;
        };
        List<EligibilityResult.Benefit> benefits = new ArrayList<>();
        if (coverage == EligibilityResult.CoverageStatus.ACTIVE || coverage == EligibilityResult.CoverageStatus.INACTIVE) {
            benefits.add(new EligibilityResult.Benefit(coverage == EligibilityResult.CoverageStatus.ACTIVE ? "1" : "6",
                    coverage == EligibilityResult.CoverageStatus.ACTIVE ? "Active Coverage" : "Inactive", List.of("30"), "IND",
                    "not_applicable", null, null, null, null, null, List.of()));
        }
        for (Object item : list(out.get("benefits"))) {
            if (item instanceof Map<?, ?> row) {
                benefits.addAll(rowBenefits(row));
            }
        }
        String planName = text(out.get("plan_name"));
        String group = text(out.get("group_number"));
        Subscriber s = request.subscriber();
        return new EligibilityResult(coverage, new EligibilityResult.Party(payerId, payerName),
                planName == null && group == null ? null : new EligibilityResult.Plan(planName, group, date(out.get("plan_begin")), null),
                new Subscriber(s.memberId(), s.firstName(), s.lastName(), s.dateOfBirth(), s.gender()), benefits,
                BenefitSummary.copay(benefits), BenefitSummary.coinsurancePercent(benefits), BenefitSummary.deductible(benefits),
                BenefitSummary.outOfPocket(benefits), List.of(), Source.PORTAL);
    }

    private static List<EligibilityResult.Benefit> rowBenefits(Map<?, ?> row) {
        String service = text(row.get("service_type"));
        String key = service == null ? "" : service.toLowerCase(Locale.ROOT).strip();
        List<String> stc = SERVICE_TYPES.containsKey(key) ? List.of(SERVICE_TYPES.get(key)) : List.of();
        String network = text(row.get("network"));
        String inNetwork = network == null ? "unknown" : network.toLowerCase(Locale.ROOT).startsWith("in") ? "yes"
                : network.toLowerCase(Locale.ROOT).startsWith("out") ? "no" : "unknown";
        String level = text(row.get("coverage_level"));
        String coverageLevel = level == null ? null : level.toLowerCase(Locale.ROOT).startsWith("fam") ? "FAM" : "IND";
        boolean outOfPocket = key.startsWith("out of pocket");
        List<EligibilityResult.Benefit> out = new ArrayList<>();
        add(out, "B", "Co-Payment", stc, coverageLevel, inNetwork, "27", decimal(row.get("copay")), null, service);
        add(out, "A", "Co-Insurance", stc, coverageLevel, inNetwork, "27", null, decimal(row.get("coinsurance")), service);
        add(out, outOfPocket ? "G" : "C", outOfPocket ? "Out of Pocket (Stop Loss)" : "Deductible", stc, coverageLevel, inNetwork, "23",
                decimal(row.get("deductible")), null, service);
        add(out, outOfPocket ? "G" : "C", outOfPocket ? "Out of Pocket (Stop Loss)" : "Deductible", stc, coverageLevel, inNetwork, "29",
                decimal(row.get("remaining")), null, service);
        return out;
    }

    private static void add(List<EligibilityResult.Benefit> out, String code, String name, List<String> stc, String level, String network,
                            String period, BigDecimal amount, BigDecimal percent, String label) {
        if (amount != null || percent != null) {
            out.add(new EligibilityResult.Benefit(code, name, stc, level, network, period, amount, percent, null, null,
                    label == null ? List.of() : List.of(label)));
        }
    }

    static ClaimStatusResult claimStatus(Map<String, Object> out, ClaimStatusRequest request) {
        List<ClaimStatusResult.Claim> claims = new ArrayList<>();
        for (Object item : list(out.get("claims"))) {
            if (!(item instanceof Map<?, ?> c)) {
                continue;
            }
            List<ClaimStatusResult.ServiceLine> lines = new ArrayList<>();
            for (Object l : list(out.get("service_lines"))) {
                if (l instanceof Map<?, ?> line && java.util.Objects.equals(text(line.get("payer_claim_number")), text(c.get("payer_claim_number")))) {
                    String[] status = String.valueOf(text(line.get("status"))).split(":", 2);
                    lines.add(new ClaimStatusResult.ServiceLine(text(line.get("procedure_code")), decimal(line.get("charge")),
                            decimal(line.get("paid")), status[0].equals("null") ? null : status[0], status.length > 1 ? status[1] : null));
                }
            }
            String category = text(c.get("status_category_code"));
            claims.add(new ClaimStatusResult.Claim(text(c.get("payer_claim_number")),
                    text(c.get("patient_control_number")) != null ? text(c.get("patient_control_number")) : request.claim().patientControlNumber(),
                    category, text(c.get("status_code")), "PR", text(c.get("status_description")),
                    date(c.get("paid_date")), decimal(c.get("total_charge")), decimal(c.get("amount_paid")), date(c.get("paid_date")),
                    text(c.get("check_number")), lines));
        }
        if (claims.isEmpty()) {
            claims.add(new ClaimStatusResult.Claim(null, request.claim().patientControlNumber(), "D0", "35", "PR",
                    "Data Search Unsuccessful", null, null, null, null, null, List.of()));
        }
        return new ClaimStatusResult(claims, List.of(), Source.PORTAL);
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }

    private static String text(Object v) {
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            return v == null ? null : new BigDecimal(String.valueOf(v));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(Object v) {
        try {
            return v == null ? null : LocalDate.parse(String.valueOf(v));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
