package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.server.clearinghouse.StediProperties;
import io.rcmos.server.channels.ChannelCall;
import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.channels.Inquiry;
import io.rcmos.server.channels.Purpose;
import io.rcmos.sim.SimServer;
import io.rcmos.sim.stedi.Faults;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel against the Stedi simulator, without Spring: classification, one call per attempt (Temporal retries,
 * never the channel), Retry-After, auth, the attempt policy.
 */
class ClearinghouseChannelTest {

    private static SimServer sim;

    @BeforeAll
    static void start() {
        sim = SimServer.start(SimServer.Config.defaults());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static ClearinghouseChannel channel(String key, Duration timeout, int attempts) {
        return channel(key, timeout, attempts, "json");
    }

    private static ClearinghouseChannel channel(String key, Duration timeout, int attempts, String mode) {
        StediProperties props = new StediProperties(key, sim.baseUrl(), mode, timeout, 4, attempts,
                Duration.ofMillis(10), Duration.ofMillis(50));
        return new ClearinghouseChannel(new StediClient(props), props, COUNTER, (io.rcmos.server.artifacts.Artifacts) null, null);
    }

    /** Control numbers without a database: this test is about the channel, ControlNumbersIT about the store. */
    private static final ControlNumberStore COUNTER = new ControlNumberStore(null) {
        private final java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();

        @Override
        Allocated next(String tradingPartner) {
            long v = n.incrementAndGet();
            return new Allocated(v, v, v);
        }
    };

    private static ChannelOutcome check(ClearinghouseChannel channel, String memberId) {
        EligibilityRequest request = new EligibilityRequest(new Provider("1999999984", "Sunrise Clinic", null, null, null),
                new Subscriber(memberId, "Ann", "Lee", null, null), null, List.of("30"), LocalDate.of(2026, 11, 24));
        return channel.execute(new ChannelCall(UUID.randomUUID(), "87726", Inquiry.of(request), 1, null));
    }

    @Test
    void answersActiveCoverageWithSummaries() {
        ChannelOutcome outcome = check(channel(sim.apiKey(), Duration.ofSeconds(5), 3), "RCMACTIVE01");
        assertThat(outcome).isInstanceOf(ChannelOutcome.Answered.class);
        EligibilityResult r = (EligibilityResult) ((ChannelOutcome.Answered) outcome).answer().result();
        assertThat(r.coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE);
        assertThat(r.copay()).isEqualByComparingTo("30");
        assertThat(r.coinsurancePercent()).isEqualByComparingTo("0.2");
        assertThat(r.deductible().total()).isEqualByComparingTo("2000");
        assertThat(r.deductible().remaining()).isEqualByComparingTo("750.5");
        assertThat(r.outOfPocket().total()).isEqualByComparingTo("7000");
        assertThat(r.outOfPocket().remaining()).isEqualByComparingTo("4250.5");
        assertThat(r.plan().groupNumber()).isEqualTo("GRP-55021");
        assertThat(r.plan().begin()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(r.benefits()).anySatisfy(b -> {
            assertThat(b.code()).isEqualTo("CB");
            assertThat(b.authRequired()).isTrue();
            assertThat(b.messages()).contains("Prior authorization required for inpatient surgery");
        });
    }

    @Test
    void dataErrorsFailFastWithTheAaaReason() {
        int before = sim.calls();
        ChannelOutcome outcome = check(channel(sim.apiKey(), Duration.ofSeconds(5), 3), "RCMNOTFOUND01");
        assertThat(sim.calls() - before).isEqualTo(1);
        assertThat(outcome).isInstanceOf(ChannelOutcome.Rejected.class);
        ChannelOutcome.Rejected rejected = (ChannelOutcome.Rejected) outcome;
        assertThat(rejected.code()).isEqualTo("aaa_75");
        assertThat(rejected.failureClass()).isEqualTo(FailureClass.DATA);
        assertThat(rejected.payerCode()).isEqualTo("AAA 75");
        assertThat(rejected.reason()).contains("Subscriber/Insured Not Found").contains("Loop 2100C");
        assertThat(((EligibilityResult) rejected.result().result()).coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.NOT_FOUND);
        assertThat(((EligibilityResult) rejected.result().result()).errors().get(0).followUp()).isEqualTo("C");

        ChannelOutcome http400 = check(channel(sim.apiKey(), Duration.ofSeconds(5), 3), "UHCAAA72");
        assertThat(((ChannelOutcome.Rejected) http400).code()).isEqualTo("aaa_72");
    }

    @Test
    void aTransientFaultIsOneCallReportedTransientAndTheNextAttemptPasses() {
        for (String member : List.of("FAULT429X", "FAULT503X", "FAULT500X", "FAULTBADX", "RCMDOWN01")) {
            ClearinghouseChannel channel = channel(sim.apiKey(), Duration.ofSeconds(5), 3);
            int before = sim.calls();
            ChannelOutcome first = check(channel, member);
            assertThat(sim.calls() - before).as(member + ": one call, no retry inside the channel").isEqualTo(1);
            assertThat(first).as(member).isInstanceOf(ChannelOutcome.Transient.class);
            assertThat(((ChannelOutcome.Transient) first).code()).isEqualTo("clearinghouse_unavailable");
            ChannelOutcome second = check(channel, member);
            assertThat(second).as(member + " on the next attempt").isInstanceOf(ChannelOutcome.Answered.class);
            assertThat(sim.calls() - before).isEqualTo(2);
        }
        assertThat(((ChannelOutcome.Transient) check(channel(sim.apiKey(), Duration.ofSeconds(5), 3), "FAULT503Y")).reason())
                .isEqualTo("HTTP 503");
    }

    @Test
    void aHungCallTimesOutAsTransient() {
        ChannelOutcome outcome = check(channel(sim.apiKey(), Duration.ofMillis(700), 2), "FAULTHANGX");
        assertThat(outcome).isInstanceOf(ChannelOutcome.Transient.class);
        assertThat(((ChannelOutcome.Transient) outcome).reason()).isEqualTo("timed out after 700 ms");
    }

    @Test
    void aThrottledCallCarriesTheRetryAfterTheClearinghouseAskedFor() {
        try (SimServer throttled = SimServer.start(SimServer.Config.defaults().withFaults(new Faults(0, 0, 1.0, 1, 0, 0, 0, 0, 3)))) {
            StediProperties props = new StediProperties(throttled.apiKey(), throttled.baseUrl(), "json", Duration.ofSeconds(5), 4, 3,
                    Duration.ofMillis(10), Duration.ofMillis(50));
            ChannelOutcome outcome = check(new ClearinghouseChannel(new StediClient(props), props, COUNTER, (io.rcmos.server.artifacts.Artifacts) null, null), "RCMACTIVE01");
            assertThat(outcome).isInstanceOf(ChannelOutcome.Transient.class);
            assertThat(((ChannelOutcome.Transient) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(3));
            assertThat(throttled.calls()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrADateAndCapped() {
        Duration cap = Duration.ofSeconds(60);
        assertThat(StediClient.retryAfter("2", cap)).isEqualTo(Duration.ofSeconds(2));
        assertThat(StediClient.retryAfter("3600", cap)).isEqualTo(cap);
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        assertThat(StediClient.retryAfter(inTenSeconds, cap)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(StediClient.retryAfter("soon", cap)).isNull();
        assertThat(StediClient.retryAfter("0", cap)).isNull();
        assertThat(StediClient.retryAfter(null, cap)).isNull();
    }

    @Test
    void aPersistentOutageIsTransientEveryTimeWithOneCallEach() {
        try (SimServer flaky = SimServer.start(SimServer.Config.defaults().withFaults(new Faults(0, 0, 0, 1, 1.0, 0, 0, 0)))) {
            StediProperties props = new StediProperties(flaky.apiKey(), flaky.baseUrl(), "json", Duration.ofSeconds(5), 4, 3,
                    Duration.ofMillis(10), Duration.ofMillis(50));
            ClearinghouseChannel channel = new ClearinghouseChannel(new StediClient(props), props, COUNTER, (io.rcmos.server.artifacts.Artifacts) null, null);
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(check(channel, "RCMACTIVE01")).isInstanceOf(ChannelOutcome.Transient.class);
                assertThat(flaky.calls()).isEqualTo(attempt);
            }
        }
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        StediProperties props = new StediProperties(sim.apiKey(), sim.baseUrl() + "/no-such-api", "json", Duration.ofSeconds(5), 4, 3,
                Duration.ofMillis(10), Duration.ofMillis(50));
        ChannelOutcome outcome = check(new ClearinghouseChannel(new StediClient(props), props, COUNTER, (io.rcmos.server.artifacts.Artifacts) null, null), "RCMACTIVE01");
        assertThat(outcome).isInstanceOf(ChannelOutcome.Unavailable.class);
        assertThat(((ChannelOutcome.Unavailable) outcome).code()).isEqualTo("clearinghouse_http_404");
        assertThat(((ChannelOutcome.Unavailable) outcome).failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(((ChannelOutcome.Unavailable) outcome).payerCode()).isEqualTo("HTTP 404");
    }

    @Test
    void rawX12ModeSendsA270AndReadsTheSameAnswer() {
        ChannelOutcome outcome = check(channel(sim.apiKey(), Duration.ofSeconds(5), 3, "x12"), "RCMACTIVE01");
        assertThat(outcome).isInstanceOf(ChannelOutcome.Answered.class);
        EligibilityResult r = (EligibilityResult) ((ChannelOutcome.Answered) outcome).answer().result();
        assertThat(r.coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE);
        assertThat(r.copay()).isEqualByComparingTo("30");
        ChannelOutcome notFound = check(channel(sim.apiKey(), Duration.ofSeconds(5), 3, "x12"), "RCMNOTFOUND01");
        assertThat(((ChannelOutcome.Rejected) notFound).code()).isEqualTo("aaa_75");
    }

    @Test
    void rawX12ClaimStatusFindsThePaidClaim() {
        var request = new io.rcmos.x12.model.ClaimStatusRequest(new Provider("1999999984", "Sunrise Clinic", null, null, null),
                new Subscriber("RCMACTIVE01", "Maria", "Lopez", null, null), null,
                new io.rcmos.x12.model.ClaimReference("PCN-PAID-1", null, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7), null));
        ChannelOutcome outcome = channel(sim.apiKey(), Duration.ofSeconds(5), 3, "x12")
                .execute(new ChannelCall(UUID.randomUUID(), "87726", Inquiry.of(request), 1, null));
        var result = (io.rcmos.x12.model.ClaimStatusResult) ((ChannelOutcome.Answered) outcome).answer().result();
        assertThat(result.claims().get(0).statusCategoryCode()).isEqualTo("F1");
        assertThat(result.claims().get(0).checkNumber()).isEqualTo("EFT00012345");
    }

    @Test
    void enrollmentErrorsRouteElsewhere() {
        ChannelOutcome outcome = check(channel(sim.apiKey(), Duration.ofSeconds(5), 3), "RCMNOPROV01");
        assertThat(outcome).isInstanceOf(ChannelOutcome.Unavailable.class);
        assertThat(((ChannelOutcome.Unavailable) outcome).code()).isEqualTo("enrollment_required");
        assertThat(((ChannelOutcome.Unavailable) outcome).failureClass()).isEqualTo(FailureClass.ENROLLMENT);
    }

    @Test
    void wrongKeyIsAConfigurationProblemNotARetry() {
        int before = sim.calls();
        ChannelOutcome outcome = check(channel("wrong-key", Duration.ofSeconds(5), 3), "RCMACTIVE01");
        assertThat(((ChannelOutcome.Unavailable) outcome).code()).isEqualTo("clearinghouse_auth");
        assertThat(((ChannelOutcome.Unavailable) outcome).failureClass()).isEqualTo(FailureClass.CREDENTIALS);
        assertThat(sim.calls() - before).isEqualTo(1);
    }

    @Test
    void theAttemptPolicyOutlastsTheLongestCallAndCarriesTheRetryBudget() {
        StediProperties props = new StediProperties(sim.apiKey(), sim.baseUrl(), "json", Duration.ofSeconds(70), 4, 10,
                Duration.ofMillis(500), Duration.ofSeconds(8));
        io.rcmos.server.channels.AttemptPolicy policy = new ClearinghouseChannel(new StediClient(props), props, COUNTER,
                (io.rcmos.server.artifacts.Artifacts) null, null).properties().attempts();
        // a slot wait and the call, each up to the timeout, plus connecting: a retry can never overlap a call still out
        assertThat(policy.attemptTimeout()).isGreaterThan(Duration.ofSeconds(70 + 70 + 5));
        assertThat(policy.heartbeatTimeout()).as("no heartbeat: a missed beat must not start an overlapping retry").isNull();
        assertThat(policy.maxAttempts()).isEqualTo(10);
        assertThat(policy.initialInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.maxInterval()).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.maxRetryDelay()).as("a 429's Retry-After up to a minute").isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.wholeBudget()).isGreaterThan(policy.attemptTimeout().multipliedBy(10).plus(Duration.ofMinutes(9)));
        assertThat(policy.queueSuffix()).isEmpty();
    }
}
