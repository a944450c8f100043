package io.rcmos.server.clearinghouse;

import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.EligibilityResult.Accumulator;
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
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Stedi's real-time eligibility JSON (v3, 2024-04-01) to and from our types. The summary fields follow how billing
 * staff read a 271: in-network (EB12 Y, or W = both), individual coverage level, service type 30 (plan) or 98
 * (office visit) for the copay; totals are calendar/service-year amounts (EB06 23/22/24), remaining is EB06 29.
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
        EligibilityResult.CoverageStatus status;
        if (errors.stream().anyMatch(e -> "75".equals(e.code()) || "67".equals(e.code()))) {
            status = EligibilityResult.CoverageStatus.NOT_FOUND;
        } else if (!errors.isEmpty()) {
            status = EligibilityResult.CoverageStatus.ERROR;
        } else if (benefits.stream().anyMatch(b -> "1".equals(b.code()))) {
            status = EligibilityResult.CoverageStatus.ACTIVE;
        } else if (benefits.stream().anyMatch(b -> "6".equals(b.code()))) {
            status = EligibilityResult.CoverageStatus.INACTIVE;
        } else {
            status = EligibilityResult.CoverageStatus.UNKNOWN;
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
        Predicate<Benefit> inNetworkIndividual = b -> ("yes".equals(b.inNetwork()) || "not_applicable".equals(b.inNetwork()))
                && (b.coverageLevel() == null || "IND".equals(b.coverageLevel()));
        return new EligibilityResult(status,
                new EligibilityResult.Party(firstNonNull(text(payer, "payorIdentification"), payerId), text(payer, "name")),
                planRecord, subscriber, benefits,
                amount(benefits, "B", inNetworkIndividual.and(b -> b.serviceTypeCodes().contains("30") || b.serviceTypeCodes().contains("98")), null),
                benefits.stream().filter(b -> "A".equals(b.code())).filter(inNetworkIndividual).map(Benefit::percent)
                        .filter(Objects::nonNull).findFirst().orElse(null),
                accumulator(benefits, "C", inNetworkIndividual),
                accumulator(benefits, "G", inNetworkIndividual),
                errors, Source.CLEARINGHOUSE);
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
        return new Benefit(text(eb, "code"), text(eb, "name"), stcs, text(eb, "coverageLevelCode"),
                network(text(eb, "inPlanNetworkIndicatorCode")), text(eb, "timeQualifierCode"),
                decimal(text(eb, "benefitAmount")), decimal(text(eb, "benefitPercent")), decimal(text(eb, "benefitQuantity")),
                auth == null || "U".equals(auth) ? null : "Y".equals(auth), messages);
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

    private static BigDecimal amount(List<Benefit> benefits, String code, Predicate<Benefit> filter, String time) {
        return benefits.stream().filter(b -> code.equals(b.code())).filter(filter)
                .filter(b -> time == null || time.equals(b.timePeriod()))
                .map(Benefit::amount).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Accumulator accumulator(List<Benefit> benefits, String code, Predicate<Benefit> filter) {
        BigDecimal total = benefits.stream().filter(b -> code.equals(b.code())).filter(filter)
                .filter(b -> b.timePeriod() == null || List.of("21", "22", "23", "24", "25").contains(b.timePeriod()))
                .map(Benefit::amount).filter(Objects::nonNull).findFirst().orElse(null);
        BigDecimal remaining = amount(benefits, code, filter, "29");
        return total == null && remaining == null ? null : new Accumulator(total, remaining);
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
