package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.BenefitSummary;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.EligibilityResult.Benefit;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Stedi's real-time eligibility JSON (v3, 2024-04-01) to and from our types; summaries come from
 * {@link BenefitSummary}, as for every channel.
 */
final class StediEligibility {

    static final String PATH = "/change/medicalnetwork/eligibility/v3";

    private StediEligibility() {
    }

    static ObjectNode request(String payerId, EligibilityRequest r) {
        ObjectNode body = StediClient.WIRE.createObjectNode();
        body.put("tradingPartnerServiceId", payerId);
        provider(body.putObject("provider"), r.provider());
        person(body.putObject("subscriber"), r.subscriber());
        if (r.dependent() != null) {
            Dependent d = r.dependent();
            ObjectNode dep = body.putArray("dependents").addObject();
            dep.put("firstName", d.firstName()).put("lastName", d.lastName()).put("dateOfBirth", StediDates.format(d.dateOfBirth()));
            putIf(dep, "gender", d.gender());
            putIf(dep, "individualRelationshipCode", d.relationshipCode());
        }
        ObjectNode encounter = body.putObject("encounter");
        r.effectiveServiceTypeCodes().forEach(encounter.withArray("serviceTypeCodes")::add);
        putIf(encounter, "dateOfService", StediDates.format(r.dateOfService()));
        return body;
    }

    static void provider(ObjectNode node, Provider p) {
        node.put("npi", p.npi());
        putIf(node, "organizationName", p.organizationName());
        putIf(node, "firstName", p.firstName());
        putIf(node, "lastName", p.lastName());
        putIf(node, "taxId", p.taxId());
    }

    static void person(ObjectNode node, Subscriber s) {
        putIf(node, "memberId", s.memberId());
        putIf(node, "firstName", s.firstName());
        putIf(node, "lastName", s.lastName());
        putIf(node, "dateOfBirth", StediDates.format(s.dateOfBirth()));
        putIf(node, "gender", s.gender());
    }

    static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** The typed result of an answer body (200 or 400 with a full response). */
    static EligibilityResult result(JsonNode body, String payerId) {
        List<AaaError> errors = aaaErrors(body);
        List<Benefit> benefits = new ArrayList<>();
        for (JsonNode eb : body.path("benefitsInformation")) {
            benefits.add(benefit(eb));
        }
        JsonNode payer = body.path("payer");
        JsonNode planInfo = body.path("planInformation");
        JsonNode planDates = body.path("planDateInformation");
        LocalDate[] plan = StediDates.parseRange(text(planDates, "plan"));
        LocalDate begin = firstNonNull(StediDates.parse(text(planDates, "planBegin")), plan[0], StediDates.parse(text(planDates, "eligibilityBegin")));
        LocalDate end = firstNonNull(StediDates.parse(text(planDates, "planEnd")), plan[1], StediDates.parse(text(planDates, "eligibilityEnd")));
        String planName = firstNonNull(text(planInfo, "groupDescription"),
                benefits.stream().filter(b -> "1".equals(b.code())).findFirst().map(b -> planCoverage(body)).orElse(null));
        EligibilityResult.Plan planRecord = planName == null && text(planInfo, "groupNumber") == null && begin == null
                ? null : new EligibilityResult.Plan(planName, text(planInfo, "groupNumber"), begin, end);
        JsonNode sub = body.path("subscriber");
        Subscriber subscriber = sub.isMissingNode() ? null : new Subscriber(text(sub, "memberId"), text(sub, "firstName"),
                text(sub, "lastName"), StediDates.parse(text(sub, "dateOfBirth")), text(sub, "gender"));
        return new EligibilityResult(BenefitSummary.status(benefits, errors),
                new EligibilityResult.Party(firstNonNull(text(payer, "payorIdentification"), payerId), text(payer, "name")),
                planRecord, subscriber, benefits, BenefitSummary.copay(benefits), BenefitSummary.coinsurancePercent(benefits),
                BenefitSummary.deductible(benefits), BenefitSummary.outOfPocket(benefits), errors, Source.CLEARINGHOUSE);
    }

    private static String planCoverage(JsonNode body) {
        for (JsonNode eb : body.path("benefitsInformation")) {
            if ("1".equals(text(eb, "code")) && text(eb, "planCoverage") != null) {
                return text(eb, "planCoverage");
            }
        }
        return null;
    }

    private static Benefit benefit(JsonNode eb) {
        List<String> stcs = new ArrayList<>();
        eb.path("serviceTypeCodes").forEach(c -> stcs.add(c.asString()));
        List<String> messages = new ArrayList<>();
        eb.path("additionalInformation").forEach(m -> {
            if (text(m, "description") != null) {
                messages.add(text(m, "description"));
            }
        });
        String auth = text(eb, "authOrCertIndicator");
        // Stedi names each benefit date by its meaning ("benefit", "service", "plan"…), YYYYMMDD or a range
        List<io.rcmos.x12.model.EligibilityResult.BenefitDate> dates = new ArrayList<>();
        eb.path("benefitsDateInformation").properties().forEach(e -> {
            if (e.getValue().isString()) {
                java.time.LocalDate[] range = StediDates.parseRange(e.getValue().asString());
                dates.add(new io.rcmos.x12.model.EligibilityResult.BenefitDate(e.getKey(), range[0], range[1]));
            }
        });
        List<io.rcmos.x12.model.EligibilityResult.RelatedEntity> related = new ArrayList<>();
        eb.path("benefitsRelatedEntities").forEach(r -> related.add(new io.rcmos.x12.model.EligibilityResult.RelatedEntity(
                text(r, "entityIdentifier"), text(r, "entityName"), text(r, "entityIdentificationQualifier"), text(r, "entityIdentificationValue"))));
        return new Benefit(text(eb, "code"), text(eb, "name"), stcs, text(eb, "coverageLevelCode"),
                network(text(eb, "inPlanNetworkIndicatorCode")), text(eb, "timeQualifierCode"),
                decimal(text(eb, "benefitAmount")), decimal(text(eb, "benefitPercent")), decimal(text(eb, "benefitQuantity")),
                auth == null || "U".equals(auth) ? null : "Y".equals(auth), messages, text(eb, "insuranceTypeCode"), text(eb, "planCoverage"),
                text(eb, "quantityQualifierCode"), null, dates, related);
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

    /** AAA errors from {@code errors[]} (Stedi repeats them under payer/provider/subscriber; those are the same). */
    static List<AaaError> aaaErrors(JsonNode body) {
        List<AaaError> out = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            if (text(e, "code") != null) {
                out.add(new AaaError(text(e, "code"), text(e, "description"), FollowUpActions.code(text(e, "followupAction")),
                        text(e, "location")));
            }
        }
        return out;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asString("").isBlank() ? null : v.asString();
    }

    static BigDecimal decimal(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
