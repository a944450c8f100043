package io.rcmos.server.routing;

import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.FailureClass;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutePolicyTest {

    private static final List<String> BOTH = List.of("clearinghouse", "portal");
    private static final RoutePolicy.Context FIRST = RoutePolicy.Context.first();

    @Test
    void theFirstChoiceIsTheFirstAllowedRoute() {
        RoutePolicy.Hop hop = RoutePolicy.next(BOTH, Map.of(), true, FIRST);
        assertThat(hop.kind()).isEqualTo(RoutePolicy.Kind.CHANNEL);
        assertThat(hop.route()).isEqualTo("clearinghouse");
        assertThat(hop.fallback()).isFalse();
        assertThat(hop.reason()).isEqualTo("clearinghouse is the first choice");
    }

    @Test
    void transientEnrollmentAndCredentialFailuresFallBackToTheNextChannel() {
        for (FailureClass failure : List.of(FailureClass.TRANSIENT, FailureClass.ENROLLMENT, FailureClass.CREDENTIALS)) {
            RoutePolicy.Hop hop = RoutePolicy.next(BOTH, Map.of(), true, FIRST.after("clearinghouse", "x", failure));
            assertThat(hop.kind()).isEqualTo(RoutePolicy.Kind.CHANNEL);
            assertThat(hop.route()).isEqualTo("portal");
            assertThat(hop.fallback()).isTrue();
            assertThat(hop.reason()).startsWith("clearinghouse failed (" + failure.wire() + " x), trying portal");
        }
    }

    @Test
    void aDataErrorGoesToAReviewTaskNotAnotherChannel() {
        RoutePolicy.Hop hop = RoutePolicy.next(BOTH, Map.of(), true, FIRST.after("clearinghouse", "aaa_72", FailureClass.DATA));
        assertThat(hop.kind()).isEqualTo(RoutePolicy.Kind.HUMAN);
        assertThat(hop.taskType()).isEqualTo("review");
        assertThat(hop.code()).isEqualTo("aaa_72");

        RoutePolicy.Hop off = RoutePolicy.next(BOTH, Map.of(), false, FIRST.after("clearinghouse", "aaa_72", FailureClass.DATA));
        assertThat(off.kind()).isEqualTo(RoutePolicy.Kind.FAIL);
        assertThat(off.code()).isEqualTo("aaa_72");
    }

    @Test
    void aChannelInItsMaintenanceWindowIsSkippedWithTheReason() {
        RoutePolicy.Hop hop = RoutePolicy.next(BOTH, Map.of("clearinghouse", "clearinghouse is in its maintenance window until 23:59 America/Chicago"),
                true, FIRST);
        assertThat(hop.route()).isEqualTo("portal");
        assertThat(hop.fallback()).isTrue();
        assertThat(hop.reason()).contains("maintenance window until 23:59");
    }

    @Test
    void aPersonIsLastAndCredentialsFailuresGetACredentialsTask() {
        RoutePolicy.Context both = FIRST.after("clearinghouse", "clearinghouse_unavailable", FailureClass.TRANSIENT)
                .after("portal", "portal_login_failed", FailureClass.CREDENTIALS);
        RoutePolicy.Hop hop = RoutePolicy.next(BOTH, Map.of(), true, both);
        assertThat(hop.kind()).isEqualTo(RoutePolicy.Kind.HUMAN);
        assertThat(hop.taskType()).isEqualTo("credentials");

        RoutePolicy.Context transientOnly = FIRST.after("clearinghouse", "clearinghouse_unavailable", FailureClass.TRANSIENT)
                .after("portal", "portal_step_timeout", FailureClass.TRANSIENT);
        assertThat(RoutePolicy.next(BOTH, Map.of(), true, transientOnly).taskType()).isEqualTo("review");
        RoutePolicy.Hop fail = RoutePolicy.next(BOTH, Map.of(), false, transientOnly);
        assertThat(fail.kind()).isEqualTo(RoutePolicy.Kind.FAIL);
        assertThat(fail.code()).isEqualTo("no_channel_answered");
    }

    @Test
    void noAllowedChannelIsRouteUnavailableOrAPerson() {
        assertThat(RoutePolicy.next(List.of(), Map.of(), false, FIRST).code()).isEqualTo("route_unavailable");
        assertThat(RoutePolicy.next(List.of(), Map.of(), true, FIRST).taskType()).isEqualTo("review");
    }

    @Test
    void aFailureCarriesTheClassItsChannelDecided() {
        assertThat(new ChannelOutcome.Transient("clearinghouse_unavailable", "HTTP 503").failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(new ChannelOutcome.Rejected("aaa_72", "invalid member id").failureClass()).isEqualTo(FailureClass.DATA);
        assertThat(new ChannelOutcome.Unavailable(FailureClass.CREDENTIALS, "portal_login_failed", "login refused", "login_failed")
                .failureClass()).isEqualTo(FailureClass.CREDENTIALS);
        // a data error is a refusal of the request, never "unavailable": the routing policy would retry it elsewhere
        assertThatThrownBy(() -> new ChannelOutcome.Unavailable(FailureClass.DATA, "aaa_72", "invalid member id"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
