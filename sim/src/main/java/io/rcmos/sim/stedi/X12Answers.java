package io.rcmos.sim.stedi;

import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.write.ClaimStatus277Writer;
import io.rcmos.x12.write.Eligibility271Writer;
import io.rcmos.x12.write.Envelope;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw 271/277 behind a simulated answer, written by our {@code x12} module, as Stedi returns it in the
 * {@code x12} field of every answer (JSON and raw-X12 calls alike).
 */
public final class X12Answers {

    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Map<String, String> FOLLOW_UP = Map.of(
            "Please Correct and Resubmit", "C", "Resubmission Not Allowed", "N", "Resubmission Allowed", "R");
    private static final AtomicLong CONTROL = new AtomicLong();

    private X12Answers() {
    }

    public static String eligibility271(JsonNode answer) {
        List<EligibilityResult.Benefit> benefits = new ArrayList<>();
        for (JsonNode eb : answer.path("benefitsInformation")) {
            List<String> stcs = new ArrayList<>();
            eb.path("serviceTypeCodes").forEach(c -> stcs.add(c.asString()));
            List<String> messages = new ArrayList<>();
            eb.path("additionalInformation").forEach(m -> messages.add(m.path("description").asString()));
            String auth = text(eb, "authOrCertIndicator");
            benefits.add(new EligibilityResult.Benefit(text(eb, "code"), text(eb, "name"), stcs, text(eb, "coverageLevelCode"),
                    switch (String.valueOf(text(eb, "inPlanNetworkIndicatorCode"))) {
                        case "Y" -> "yes";
                        case "N" -> "no";
                        case "W" -> "not_applicable";
                        default -> "unknown";
                    }, text(eb, "timeQualifierCode"), decimal(text(eb, "benefitAmount")), decimal(text(eb, "benefitPercent")), null,
                    auth == null ? null : "Y".equals(auth), messages));
        }
        List<AaaError> errors = new ArrayList<>();
        for (JsonNode e : answer.path("errors")) {
            errors.add(new AaaError(text(e, "code"), text(e, "description"), FOLLOW_UP.get(text(e, "followupAction")), text(e, "location")));
        }
        JsonNode s = answer.path("subscriber");
        JsonNode dates = answer.path("planDateInformation");
        JsonNode plan = answer.path("planInformation");
        EligibilityResult result = new EligibilityResult(null,
                new EligibilityResult.Party(text(answer.path("payer"), "payorIdentification"), text(answer.path("payer"), "name")),
                plan.isMissingNode() ? null : new EligibilityResult.Plan(text(plan, "groupDescription"), text(plan, "groupNumber"),
                        date(text(dates, "planBegin")), date(text(dates, "planEnd"))),
                new Subscriber(text(s, "memberId"), text(s, "firstName"), text(s, "lastName"), date(text(s, "dateOfBirth")), text(s, "gender")),
                benefits, null, null, null, null, errors, Source.CLEARINGHOUSE);
        long n = CONTROL.incrementAndGet() % 999_999_999 + 1;
        return new Eligibility271Writer().write(result, text(answer.path("provider"), "providerName") == null ? "PROVIDER"
                        : text(answer.path("provider"), "providerName"), text(answer.path("provider"), "npi"),
                text(answer, "controlNumber") == null ? "0" : text(answer, "controlNumber"),
                new Envelope("ZZ", "STEDI", "ZZ", "RCMOS", 'T', n, n, n, LocalDateTime.now()));
    }

    /** The 277 behind a simulated claim-status answer (JSON shape of Stedi's claim status v2). */
    public static String claimStatus277(JsonNode request, JsonNode answer) {
        List<ClaimStatusResult.Claim> claims = new ArrayList<>();
        for (JsonNode item : answer.path("claims")) {
            JsonNode s = item.path("claimStatus");
            if ("D0".equals(text(s, "statusCategoryCode"))) {
                continue; // written as the 277's "not found" answer
            }
            List<ClaimStatusResult.ServiceLine> lines = new ArrayList<>();
            for (JsonNode d : item.path("serviceDetails")) {
                JsonNode status = d.path("status").path(0);
                lines.add(new ClaimStatusResult.ServiceLine(text(d.path("service"), "procedureId"), decimal(text(d.path("service"), "submittedAmount")),
                        decimal(text(d.path("service"), "amountPaid")), text(status, "statusCategoryCode"), text(status, "statusCode")));
            }
            String serviceDate = text(s, "claimServiceDate");
            LocalDate from = serviceDate == null ? null : date(serviceDate.substring(0, Math.min(8, serviceDate.length())));
            LocalDate to = serviceDate != null && serviceDate.length() == 17 ? date(serviceDate.substring(9)) : from;
            String category = text(s, "statusCategoryCode");
            LocalDate effective = date(text(s, "effectiveDate"));
            claims.add(new ClaimStatusResult.Claim(text(s, "tradingPartnerClaimNumber"), text(s, "patientAccountNumber"), category,
                    text(s, "statusCode"), text(s, "entityCode"), null, effective, decimal(text(s, "submittedAmount")),
                    decimal(text(s, "amountPaid")), date(text(s, "paidDate")), text(s, "checkNumber"), lines, from, to,
                    List.of(new ClaimStatusResult.Status(category, text(s, "statusCode"), text(s, "entityCode"), effective))));
        }
        JsonNode sub = request.path("subscriber");
        JsonNode provider = request.path("providers").path(0);
        String providerName = text(provider, "organizationName") != null ? text(provider, "organizationName")
                : text(provider, "lastName") != null ? text(provider, "lastName") : "PROVIDER";
        var parties = new ClaimStatus277Writer.Parties(text(answer.path("payer"), "name") == null ? "PAYER" : text(answer.path("payer"), "name"),
                text(request, "tradingPartnerServiceId"), "RCM OS", "RCMOS", providerName, text(provider, "npi"),
                new Subscriber(text(sub, "memberId"), text(sub, "firstName"), text(sub, "lastName") == null ? "UNKNOWN" : text(sub, "lastName"),
                        null, null));
        long n = CONTROL.incrementAndGet() % 999_999_999 + 1;
        return new ClaimStatus277Writer().write(new ClaimStatusResult(claims, List.of(), Source.CLEARINGHOUSE), parties,
                text(answer, "controlNumber") == null ? "0" : text(answer, "controlNumber"),
                new Envelope("ZZ", "STEDI", "ZZ", "RCMOS", 'T', n, n, n, LocalDateTime.now()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asString("").isBlank() ? null : v.asString();
    }

    private static BigDecimal decimal(String v) {
        return v == null ? null : new BigDecimal(v);
    }

    private static LocalDate date(String v) {
        return v == null || v.length() != 8 ? null : LocalDate.parse(v, D8);
    }
}
