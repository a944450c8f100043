package io.rcmos.sim.stedi;

import io.rcmos.x12.model.ClaimReference;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.write.ClaimStatus276Writer;
import io.rcmos.x12.write.Eligibility270Writer;
import io.rcmos.x12.write.Envelope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A raw 270/276 becomes the JSON request Stedi would forward, field for field (synthetic people only). */
class RawX12RequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Envelope ENVELOPE = new Envelope("ZZ", "RCMOS", "ZZ", "STEDI", 'T', 17, 18, 19,
            LocalDateTime.of(2026, 11, 24, 9, 0));
    private static final Provider CLINIC = new Provider("1999999984", "Sunrise Clinic", null, null, null);
    private static final Subscriber JANE = new Subscriber("W100000001", "Jane", "Doe", LocalDate.of(1980, 1, 2), "F");

    private final RawX12Requests raw = new RawX12Requests();

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aSubscriber270BecomesAnEligibilityRequest() {
        String x12 = new Eligibility270Writer().write(new EligibilityRequest(CLINIC, JANE, null, List.of("30", "MH"),
                LocalDate.of(2026, 11, 20)), "87726", "UHC", "TRACE1", ENVELOPE).x12();

        assertThat((JsonNode) raw.eligibility(x12)).isEqualTo(json("""
                {'tradingPartnerServiceId':'87726',
                 'provider':{'organizationName':'Sunrise Clinic','npi':'1999999984'},
                 'subscriber':{'lastName':'Doe','firstName':'Jane','memberId':'W100000001','dateOfBirth':'19800102','gender':'F'},
                 'encounter':{'dateOfService':'20261120','serviceTypeCodes':['30','MH']}}"""));
    }

    @Test
    void aDependent270NamesTheDependent() {
        String x12 = new Eligibility270Writer().write(new EligibilityRequest(new Provider("1999999984", null, "Ann", "Lee", null), JANE,
                new Dependent("Tim", "Doe", LocalDate.of(2015, 6, 7), "19", "M"), List.of(), null), "87726", "UHC", "TRACE2", ENVELOPE).x12();

        JsonNode request = raw.eligibility(x12);

        assertThat(request.get("provider")).isEqualTo(json("{'lastName':'Lee','firstName':'Ann','npi':'1999999984'}"));
        assertThat(request.get("subscriber")).isEqualTo(json(
                "{'lastName':'Doe','firstName':'Jane','memberId':'W100000001','dateOfBirth':'19800102','gender':'F'}"));
        assertThat(request.get("dependents")).isEqualTo(json(
                "[{'lastName':'Doe','firstName':'Tim','dateOfBirth':'20150607','gender':'M'}]"));
        assertThat(request.path("encounter").path("serviceTypeCodes").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(List.of("30"));
    }

    @Test
    void a276BecomesAClaimStatusRequest() {
        String x12 = new ClaimStatus276Writer().write(new ClaimStatusRequest(CLINIC, JANE, null,
                        new ClaimReference("PCN-1", "PAYER-9", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7), new BigDecimal("125.50"))),
                "87726", "UHC", "RCM OS", "RCMOS", "TRACE3", ENVELOPE).x12();

        assertThat((JsonNode) raw.claimStatus(x12)).isEqualTo(json("""
                {'tradingPartnerServiceId':'87726',
                 'providers':[{'providerType':'BillingProvider','organizationName':'Sunrise Clinic','npi':'1999999984'}],
                 'subscriber':{'lastName':'Doe','firstName':'Jane','memberId':'W100000001'},
                 'encounter':{'patientAccountNumber':'PCN-1','tradingPartnerClaimNumber':'PAYER-9','submittedAmount':'125.5',
                              'beginningDateOfService':'20261001','endDateOfService':'20261007'}}"""));
    }

    @Test
    void unreadableOrMismatchedX12IsNoRequest() {
        String x276 = new ClaimStatus276Writer().write(new ClaimStatusRequest(CLINIC, JANE, null,
                        new ClaimReference("PCN-1", null, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 1), null)),
                "87726", "UHC", "RCM OS", "RCMOS", "TRACE4", ENVELOPE).x12();
        String x270 = new Eligibility270Writer().write(new EligibilityRequest(CLINIC, JANE, null, List.of("30"), null),
                "87726", "UHC", "TRACE5", ENVELOPE).x12();

        assertThat(raw.eligibility(x276)).isNull();
        assertThat(raw.claimStatus(x270)).isNull();
        assertThat(raw.eligibility("not x12 at all")).isNull();
        assertThat(raw.claimStatus("")).isNull();
        assertThat(raw.eligibility(x270.substring(0, x270.length() / 2))).as("a truncated interchange").isNull();
    }
}
