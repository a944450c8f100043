package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.Source;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.rcmos.server.clearinghouse.outbound.StediEligibility.decimal;
import static io.rcmos.server.clearinghouse.outbound.StediEligibility.putIf;
import static io.rcmos.server.clearinghouse.outbound.StediEligibility.text;

/** Stedi's real-time claim status JSON (v2) to and from our types. Several claims may match one question. */
final class StediClaimStatus {

    static final String PATH = "/change/medicalnetwork/claimstatus/v2";

    private StediClaimStatus() {
    }

    static ObjectNode request(String payerId, ClaimStatusRequest r) {
        ObjectNode body = StediClient.WIRE.createObjectNode();
        body.put("tradingPartnerServiceId", payerId);
        ObjectNode provider = body.putArray("providers").addObject().put("providerType", "BillingProvider");
        StediEligibility.provider(provider, r.provider());
        StediEligibility.person(body.putObject("subscriber"), r.subscriber());
        if (r.dependent() != null) {
            ObjectNode dep = body.putObject("dependent");
            dep.put("firstName", r.dependent().firstName()).put("lastName", r.dependent().lastName())
                    .put("dateOfBirth", StediDates.format(r.dependent().dateOfBirth()));
            putIf(dep, "gender", r.dependent().gender());
        }
        ObjectNode encounter = body.putObject("encounter");
        encounter.put("beginningDateOfService", StediDates.format(r.claim().serviceDateFrom()));
        encounter.put("endDateOfService", StediDates.format(r.claim().serviceDateTo()));
        putIf(encounter, "patientAccountNumber", r.claim().patientControlNumber());
        putIf(encounter, "tradingPartnerClaimNumber", r.claim().payerClaimNumber());
        if (r.claim().totalCharge() != null) {
            encounter.put("submittedAmount", r.claim().totalCharge().toPlainString());
        }
        return body;
    }

    static ClaimStatusResult result(JsonNode body) {
        List<ClaimStatusResult.Claim> claims = new ArrayList<>();
        for (JsonNode item : body.path("claims")) {
            JsonNode s = item.path("claimStatus");
            List<ClaimStatusResult.ServiceLine> lines = new ArrayList<>();
            for (JsonNode detail : item.path("serviceDetails")) {
                JsonNode service = detail.path("service");
                List<ClaimStatusResult.Status> lineStatuses = new ArrayList<>();
                detail.path("status").forEach(st -> lineStatuses.add(status(st)));
                ClaimStatusResult.Status first = lineStatuses.isEmpty() ? null : lineStatuses.get(0);
                lines.add(new ClaimStatusResult.ServiceLine(text(service, "procedureId"), decimal(text(service, "submittedAmount")),
                        decimal(text(service, "amountPaid")), first == null ? null : first.categoryCode(),
                        first == null ? null : first.statusCode(), StediDates.parse(text(service, "serviceDate")), lineStatuses));
            }
            String description = StediEligibility.firstNonNull(text(s, "statusCodeValue"), text(s, "statusCategoryCodeValue"));
            LocalDate[] serviceDates = StediDates.parseRange(text(s, "claimServiceDate"));
            LocalDate from = serviceDates[0];
            LocalDate to = serviceDates[1] != null ? serviceDates[1] : from;
            claims.add(new ClaimStatusResult.Claim(text(s, "tradingPartnerClaimNumber"), text(s, "patientAccountNumber"),
                    text(s, "statusCategoryCode"), text(s, "statusCode"), text(s, "entityCode"), description,
                    StediDates.parse(text(s, "effectiveDate")), decimal(text(s, "submittedAmount")), decimal(text(s, "amountPaid")),
                    StediDates.parse(text(s, "paidDate")), text(s, "checkNumber"), lines, from, to,
                    text(s, "statusCategoryCode") == null ? List.of() : List.of(status(s))));
        }
        return new ClaimStatusResult(claims, StediEligibility.aaaErrors(body), Source.CLEARINGHOUSE);
    }

    private static ClaimStatusResult.Status status(JsonNode s) {
        return new ClaimStatusResult.Status(text(s, "statusCategoryCode"), text(s, "statusCode"), text(s, "entityCode"),
                StediDates.parse(text(s, "effectiveDate")));
    }
}
