package io.rcmos.sim.stedi;

import io.rcmos.x12.model.ClaimReference;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.read.InquiryReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Turns a raw 270 or 276 (the body of Stedi's raw-X12 endpoints) into the JSON request the simulator answers, the
 * way Stedi does before forwarding to the payer. The X12 is read by the x12 module's {@link InquiryReader}; invalid
 * X12 yields null (the caller answers 400).
 */
public final class RawX12Requests {

    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

    private final JsonMapper json = JsonMapper.builder().build();
    private final InquiryReader reader = new InquiryReader();

    /**
     * The JSON eligibility request a 270 carries, or null when it is not a readable 270 asking about anyone. A 270
     * asking about several people under one subscriber becomes one request naming each dependent.
     */
    public ObjectNode eligibility(String x12) {
        InquiryReader.Read<EligibilityRequest> read = reader.read270(x12.getBytes(StandardCharsets.UTF_8));
        if (!read.problems().isEmpty() || read.inquiries().isEmpty()) {
            return null;
        }
        InquiryReader.Inquiry<EligibilityRequest> first = read.inquiries().get(0);
        EligibilityRequest asked = first.request();
        ObjectNode out = json.createObjectNode();
        putIf(out, "tradingPartnerServiceId", first.payerId());
        if (asked.provider() != null) {
            provider(out.putObject("provider"), asked.provider());
        }
        if (asked.subscriber() != null) {
            subscriber(out.putObject("subscriber"), asked.subscriber());
        }
        read.inquiries().stream().map(i -> i.request().dependent()).filter(d -> d != null)
                .forEach(d -> dependent(out.withArray("dependents").addObject(), d));
        if (asked.dateOfService() != null) {
            out.withObject("encounter").put("dateOfService", D8.format(asked.dateOfService()));
        }
        if (asked.serviceTypeCodes() != null) {
            asked.serviceTypeCodes().forEach(out.withObject("encounter").withArray("serviceTypeCodes")::add);
        }
        return out;
    }

    /** The JSON claim status request a 276 carries (its first claim), or null when it is not a readable 276 asking about a claim. */
    public ObjectNode claimStatus(String x12) {
        InquiryReader.Read<ClaimStatusRequest> read = reader.read276(x12.getBytes(StandardCharsets.UTF_8));
        if (!read.problems().isEmpty() || read.inquiries().isEmpty()) {
            return null;
        }
        InquiryReader.Inquiry<ClaimStatusRequest> first = read.inquiries().get(0);
        ClaimStatusRequest asked = first.request();
        ObjectNode out = json.createObjectNode();
        ObjectNode encounter = out.putObject("encounter");
        putIf(out, "tradingPartnerServiceId", first.payerId());
        if (asked.provider() != null) {
            provider(out.putArray("providers").addObject().put("providerType", "BillingProvider"), asked.provider());
        }
        if (asked.subscriber() != null) {
            name(out.putObject("subscriber"), asked.subscriber().lastName(), asked.subscriber().firstName(), asked.subscriber().memberId());
        }
        if (asked.dependent() != null) {
            name(out.putObject("dependent"), asked.dependent().lastName(), asked.dependent().firstName(), null);
        }
        ClaimReference claim = asked.claim();
        putIf(encounter, "patientAccountNumber", claim.patientControlNumber());
        putIf(encounter, "tradingPartnerClaimNumber", claim.payerClaimNumber());
        putIf(encounter, "submittedAmount", plain(claim.totalCharge()));
        putIf(encounter, "beginningDateOfService", d8(claim.serviceDateFrom()));
        putIf(encounter, "endDateOfService", d8(claim.serviceDateTo()));
        return out;
    }

    private static void provider(ObjectNode p, Provider provider) {
        if (provider.organizationName() != null) {
            putIf(p, "organizationName", provider.organizationName());
        } else {
            putIf(p, "lastName", provider.lastName());
            putIf(p, "firstName", provider.firstName());
        }
        putIf(p, "npi", provider.npi());
    }

    private static void subscriber(ObjectNode p, Subscriber s) {
        name(p, s.lastName(), s.firstName(), s.memberId());
        putIf(p, "dateOfBirth", d8(s.dateOfBirth()));
        putIf(p, "gender", s.gender());
    }

    private static void dependent(ObjectNode p, Dependent d) {
        name(p, d.lastName(), d.firstName(), null);
        putIf(p, "dateOfBirth", d8(d.dateOfBirth()));
        putIf(p, "gender", d.gender());
    }

    private static void name(ObjectNode p, String lastName, String firstName, String memberId) {
        putIf(p, "lastName", lastName);
        putIf(p, "firstName", firstName);
        putIf(p, "memberId", memberId);
    }

    private static String d8(LocalDate date) {
        return date == null ? null : D8.format(date);
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
