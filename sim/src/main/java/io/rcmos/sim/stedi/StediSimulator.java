package io.rcmos.sim.stedi;

import io.rcmos.sim.registry.Claim;
import io.rcmos.sim.registry.Member;
import io.rcmos.sim.registry.Registry;
import io.rcmos.sim.registry.Scenario;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers Stedi's real-time eligibility (v3) and claim status (v2) calls from the registry, in Stedi's JSON shape
 * (camelCase, {@code YYYYMMDD} dates, {@code benefitsInformation}, {@code errors} with AAA). Transport concerns
 * (auth, faults, HTTP) live in {@code SimServer}; this class is the payer's answer.
 */
public final class StediSimulator {

    private static final DateTimeFormatter X12_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String DELIMITERS = "~*:^";

    private final Registry registry;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Members whose outage (AAA 42) has been seen once: the next call recovers. */
    private final Set<String> recovered = ConcurrentHashMap.newKeySet();

    public StediSimulator(Registry registry) {
        this.registry = registry;
    }

    /** An HTTP answer: status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    // ---------------------------------------------------------------- eligibility

    public Answer eligibility(JsonNode request) {
        ObjectNode invalid = validateCommon(request, "subscriber");
        if (invalid != null) {
            return new Answer(400, invalid);
        }
        JsonNode subscriber = request.path("subscriber");
        String memberId = text(subscriber, "memberId");
        String payerId = text(request, "tradingPartnerServiceId");
        ObjectNode out = envelope(request);
        out.set("subscriber", echoPerson(subscriber, memberId));
        var member = registry.member(memberId).filter(m -> m.payerId() == null || m.payerId().equals(payerId));
        if (member.isEmpty()) {
            return aaa(out, "75", 200);
        }
        Member m = member.get();
        Scenario scenario = m.scenario();
        if (scenario == Scenario.PAYER_UNAVAILABLE) {
            if (recovered.add(m.memberId().toUpperCase(Locale.ROOT))) {
                return aaa(out, "42", 200);
            }
            scenario = Scenario.ACTIVE;
        }
        if (scenario.aaaCode() != null) {
            // Stedi answers some payer rejections with HTTP 400 and a full response body
            int status = Set.of("72", "73").contains(scenario.aaaCode()) ? 400 : 200;
            return aaa(out, scenario.aaaCode(), status);
        }
        if (m.dateOfBirth() != null && has(subscriber, "dateOfBirth")
                && !X12_DATE.format(m.dateOfBirth()).equals(text(subscriber, "dateOfBirth"))) {
            return aaa(out, "71", 200);
        }
        if (m.firstName() != null) {
            ((ObjectNode) out.get("subscriber")).put("firstName", m.firstName()).put("lastName", m.lastName());
        }
        if (request.has("dependents") && request.get("dependents").size() > 0) {
            JsonNode asked = request.get("dependents").get(0);
            var dependent = m.dependents() == null ? null : m.dependents().stream()
                    .filter(d -> d.firstName().equalsIgnoreCase(text(asked, "firstName"))
                            && (!has(asked, "dateOfBirth") || X12_DATE.format(d.dateOfBirth()).equals(text(asked, "dateOfBirth"))))
                    .findFirst().orElse(null);
            if (dependent == null) {
                return aaa(out, "67", 200);
            }
            ArrayNode deps = out.putArray("dependents");
            deps.addObject().put("firstName", dependent.firstName()).put("lastName", dependent.lastName())
                    .put("dateOfBirth", X12_DATE.format(dependent.dateOfBirth())).put("gender", dependent.gender())
                    .put("relationToSubscriberCode", dependent.relationshipCode());
        }
        plan(out, m);
        ArrayNode benefits = out.putArray("benefitsInformation");
        List<String> asked = serviceTypes(request);
        if (scenario == Scenario.INACTIVE) {
            benefits.addObject().put("code", "6").put("name", "Inactive").set("serviceTypeCodes", codes(asked));
            return new Answer(200, out);
        }
        benefits(benefits, m, asked);
        return new Answer(200, out);
    }

    private void plan(ObjectNode out, Member m) {
        if (m.plan() == null) {
            return;
        }
        out.putObject("planInformation").put("groupNumber", m.plan().groupNumber()).put("groupDescription", m.plan().name());
        ObjectNode dates = out.putObject("planDateInformation");
        if (m.plan().begin() != null) {
            dates.put("planBegin", X12_DATE.format(m.plan().begin()));
            dates.put("eligibilityBegin", X12_DATE.format(m.plan().begin()));
        }
        if (m.plan().end() != null) {
            dates.put("planEnd", X12_DATE.format(m.plan().end()));
        }
    }

    private void benefits(ArrayNode out, Member m, List<String> asked) {
        Member.Benefits b = m.benefits();
        String insurance = m.plan() == null ? "C1" : m.plan().insuranceType();
        ObjectNode active = out.addObject().put("code", "1").put("name", "Active Coverage").put("coverageLevelCode", "IND")
                .put("insuranceTypeCode", insurance).put("planCoverage", m.plan() == null ? "Health Plan" : m.plan().name());
        active.set("serviceTypeCodes", codes(asked));
        if (b == null) {
            return;
        }
        eb(out, "B", "Co-Payment", "IND", "98", "27", amount(b.officeCopay()), null, "Y", "Office visit copay");
        eb(out, "A", "Co-Insurance", "IND", "30", "27", null, fraction(b.coinsurance()), "Y", null);
        eb(out, "C", "Deductible", "IND", "30", "23", amount(b.deductible()), null, "Y", null);
        eb(out, "C", "Deductible", "IND", "30", "29", amount(b.deductibleRemaining()), null, "Y", null);
        eb(out, "G", "Out of Pocket (Stop Loss)", "IND", "30", "23", amount(b.outOfPocket()), null, "Y", null);
        eb(out, "G", "Out of Pocket (Stop Loss)", "IND", "30", "29", amount(b.outOfPocketRemaining()), null, "Y", null);
        if (b.rich()) {
            eb(out, "B", "Co-Payment", "IND", "AE", "27", amount(b.specialistCopay()), null, "Y", "Specialist office visit");
            eb(out, "B", "Co-Payment", "IND", "86", "27", amount(b.emergencyCopay()), null, "W", "Waived if admitted");
            eb(out, "C", "Deductible", "FAM", "30", "23", amount(b.deductible().multiply(BigDecimal.valueOf(2))), null, "Y", null);
            eb(out, "C", "Deductible", "IND", "30", "23", amount(b.deductible().multiply(BigDecimal.valueOf(2))), null, "N", "Out-of-network deductible");
            eb(out, "A", "Co-Insurance", "IND", "30", "27", null, fraction(b.coinsurance().add(new BigDecimal("0.20"))), "N", null);
            ObjectNode auth = eb(out, "CB", "Coverage Basis", "IND", "2", null, null, null, "Y", "Prior authorization required for inpatient surgery");
            auth.put("authOrCertIndicator", "Y");
        }
    }

    private static ObjectNode eb(ArrayNode out, String code, String name, String level, String stc, String time,
                                 String amount, String percent, String network, String message) {
        ObjectNode eb = out.addObject().put("code", code).put("name", name).put("coverageLevelCode", level);
        eb.putArray("serviceTypeCodes").add(stc);
        if (time != null) {
            eb.put("timeQualifierCode", time);
        }
        if (amount != null) {
            eb.put("benefitAmount", amount);
        }
        if (percent != null) {
            eb.put("benefitPercent", percent);
        }
        eb.put("inPlanNetworkIndicatorCode", network);
        if (message != null) {
            eb.putArray("additionalInformation").addObject().put("description", message);
        }
        return eb;
    }

    private Answer aaa(ObjectNode out, String code, int status) {
        ObjectNode error = json.createObjectNode()
                .put("field", "AAA")
                .put("code", code)
                .put("description", AaaCodes.REASONS.getOrDefault(code, code.equals("71")
                        ? "Patient Birth Date Does Not Match That for the Patient on the Database"
                        : code.equals("67") ? "Patient Not Found" : "Rejected"))
                .put("followupAction", AaaCodes.FOLLOW_UP.getOrDefault(code, "Please Correct and Resubmit"))
                .put("location", AaaCodes.LOOP.getOrDefault(code, "Loop 2100C"));
        error.putArray("possibleResolutions");
        out.putArray("errors").add(error);
        String holder = AaaCodes.LOOP.getOrDefault(code, "Loop 2100C").endsWith("2100A") ? "payer"
                : AaaCodes.LOOP.getOrDefault(code, "").endsWith("2100B") ? "provider" : "subscriber";
        ObjectNode target = out.has(holder) ? (ObjectNode) out.get(holder) : out.putObject(holder);
        target.putArray("aaaErrors").add(error.deepCopy());
        return new Answer(status, out);
    }

    // ---------------------------------------------------------------- claim status

    public Answer claimStatus(JsonNode request) {
        ObjectNode invalid = validateCommon(request, "subscriber");
        if (invalid == null && !request.path("providers").isArray()) {
            invalid = validation("providers is required", "providers");
        }
        if (invalid != null) {
            return new Answer(400, invalid);
        }
        JsonNode subscriber = request.path("subscriber");
        JsonNode encounter = request.path("encounter");
        String memberId = text(subscriber, "memberId");
        String pcn = text(encounter, "patientAccountNumber");
        String payerClaim = text(encounter, "tradingPartnerClaimNumber");
        LocalDate from = date(text(encounter, "beginningDateOfService"));
        LocalDate to = date(text(encounter, "endDateOfService"));
        ObjectNode out = envelope(request);
        ArrayNode claims = out.putArray("claims");
        List<Claim> found = registry.claims(memberId, pcn, from, to).stream()
                .filter(c -> pcn == null || pcn.equalsIgnoreCase(c.patientControlNumber()))
                .filter(c -> payerClaim == null || payerClaim.equalsIgnoreCase(c.payerClaimNumber()))
                .filter(c -> from == null || c.serviceTo() == null || !c.serviceTo().isBefore(from))
                .filter(c -> to == null || c.serviceFrom() == null || !c.serviceFrom().isAfter(to))
                .toList();
        if (found.isEmpty()) {
            ObjectNode status = claims.addObject().putObject("claimStatus");
            status.put("statusCategoryCode", "D0").put("statusCategoryCodeValue", "Data Search Unsuccessful")
                    .put("statusCode", "35").put("statusCodeValue", "Claim/encounter not found.").put("entityCode", "PR")
                    .put("effectiveDate", X12_DATE.format(LocalDate.now()));
            if (pcn != null) {
                status.put("patientAccountNumber", pcn);
            }
            return new Answer(200, out);
        }
        for (Claim c : found) {
            ObjectNode item = claims.addObject();
            ObjectNode status = item.putObject("claimStatus");
            status.put("statusCategoryCode", c.categoryCode()).put("statusCategoryCodeValue", categoryText(c.categoryCode()))
                    .put("statusCode", c.statusCode()).put("statusCodeValue", statusText(c.statusCode()))
                    .put("entityCode", "PR")
                    .put("effectiveDate", X12_DATE.format(c.paidDate() != null ? c.paidDate() : LocalDate.now()))
                    .put("submittedAmount", amount(c.charge()))
                    .put("tradingPartnerClaimNumber", c.payerClaimNumber())
                    .put("patientAccountNumber", c.patientControlNumber());
            if (c.serviceFrom() != null) {
                status.put("claimServiceDate", X12_DATE.format(c.serviceFrom())
                        + (c.serviceTo() != null && !c.serviceTo().equals(c.serviceFrom()) ? "-" + X12_DATE.format(c.serviceTo()) : ""));
            }
            if (c.paid() != null) {
                status.put("amountPaid", amount(c.paid()));
            }
            if (c.paidDate() != null) {
                status.put("paidDate", X12_DATE.format(c.paidDate())).put("checkIssueDate", X12_DATE.format(c.paidDate()));
            }
            if (c.checkNumber() != null) {
                status.put("checkNumber", c.checkNumber());
            }
            ArrayNode details = item.putArray("serviceDetails");
            for (Claim.Line line : c.lines() == null ? List.<Claim.Line>of() : c.lines()) {
                ObjectNode d = details.addObject();
                d.putObject("service").put("serviceIdQualifierCode", "HC").put("procedureId", line.procedureCode())
                        .put("submittedAmount", amount(line.charge())).put("amountPaid", amount(line.paid()));
                d.putArray("status").addObject().put("statusCategoryCode", line.categoryCode()).put("statusCode", line.statusCode())
                        .put("statusCategoryCodeValue", categoryText(line.categoryCode()));
            }
        }
        return new Answer(200, out);
    }

    private static String categoryText(String category) {
        return switch (category) {
            case "F1" -> "Finalized/Payment-The claim/line has been paid.";
            case "F2" -> "Finalized/Denial-The claim/line has been denied.";
            case "P1" -> "Pending/In Process-The claim or encounter is in the adjudication system.";
            default -> category;
        };
    }

    private static String statusText(String status) {
        return switch (status) {
            case "65" -> "Claim/line has been paid.";
            case "88" -> "Non-covered charge(s).";
            case "20" -> "Accepted for processing.";
            default -> status;
        };
    }

    // ---------------------------------------------------------------- shared

    private ObjectNode envelope(JsonNode request) {
        ObjectNode out = json.createObjectNode();
        out.putObject("meta").put("applicationMode", "test").put("traceId", UUID.randomUUID().toString());
        out.put("controlNumber", String.format("%09d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L)));
        out.put("tradingPartnerServiceId", text(request, "tradingPartnerServiceId"));
        JsonNode provider = request.has("provider") ? request.get("provider") : request.path("providers").path(0);
        out.putObject("provider").put("providerName", text(provider, "organizationName")).put("npi", text(provider, "npi"));
        out.putObject("payer").put("name", "UnitedHealthcare").put("payorIdentification", text(request, "tradingPartnerServiceId"));
        out.put("id", "ec_" + UUID.randomUUID().toString().replace("-", ""));
        return out;
    }

    private ObjectNode echoPerson(JsonNode person, String memberId) {
        ObjectNode out = json.createObjectNode();
        if (memberId != null) {
            out.put("memberId", memberId);
        }
        for (String field : List.of("firstName", "lastName", "dateOfBirth", "gender")) {
            if (has(person, field)) {
                out.put(field, text(person, field));
            }
        }
        return out;
    }

    /** Stedi's request validation: a 400 with {@code message} and {@code fieldList}, never a payer answer. */
    private ObjectNode validateCommon(JsonNode request, String personField) {
        if (request == null || !request.isObject()) {
            return validation("request body must be a JSON object", "");
        }
        if (!has(request, "tradingPartnerServiceId")) {
            return validation("tradingPartnerServiceId is required", "tradingPartnerServiceId");
        }
        JsonNode provider = request.has("provider") ? request.get("provider") : request.path("providers").path(0);
        String npi = text(provider, "npi");
        if (npi == null || !npi.matches("\\d{10}")) {
            return validation("provider npi must be 10 digits", request.has("provider") ? "provider.npi" : "providers[0].npi");
        }
        JsonNode person = request.path(personField);
        if (!has(person, "memberId") && !has(person, "dateOfBirth") && !has(person, "lastName")) {
            return validation("subscriber needs memberId, dateOfBirth or lastName", personField);
        }
        String bad = delimiterPath(request, "");
        if (bad != null) {
            return validation("value contains an X12 delimiter character (~ * : ^)", bad);
        }
        return null;
    }

    private String delimiterPath(JsonNode node, String path) {
        if (node.isString()) {
            String s = node.asString();
            for (char c : DELIMITERS.toCharArray()) {
                if (s.indexOf(c) >= 0) {
                    return path;
                }
            }
            return null;
        }
        if (node.isObject()) {
            for (var e : node.properties()) {
                String found = delimiterPath(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = delimiterPath(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private ObjectNode validation(String message, String path) {
        ObjectNode out = json.createObjectNode().put("message", message);
        out.putArray("fieldList").addObject().put("message", message).put("path", path);
        return out;
    }

    private List<String> serviceTypes(JsonNode request) {
        JsonNode codes = request.path("encounter").path("serviceTypeCodes");
        if (codes.isArray() && !codes.isEmpty()) {
            return codes.valueStream().map(JsonNode::asString).toList();
        }
        return List.of("30");
    }

    private ArrayNode codes(List<String> codes) {
        ArrayNode out = json.createArrayNode();
        codes.forEach(out::add);
        return out;
    }

    private static String amount(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static String fraction(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static boolean has(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) && !node.get(field).asString("").isBlank();
    }

    private static String text(JsonNode node, String field) {
        return has(node, field) ? node.get(field).asString() : null;
    }

    private static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.contains("-") ? LocalDate.parse(value) : LocalDate.parse(value, X12_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
