package io.rcmos.server.routing;

import io.rcmos.server.channels.Lane;
import io.rcmos.server.payers.PayerConfig;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Token buckets and credential leases on the real PostgreSQL, and a burst of runs paced by a payer's limit. */
class GovernanceIT extends IntegrationTest {

    @Autowired
    Governor governor;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tokensBeyondTheBurstAreReservedAtTheRefillRateNotRefused() {
        Lane lane = new Lane("clearinghouse", null, new PayerConfig.RateLimit(2, 2));
        String payer = "GOV" + UUID.randomUUID().toString().substring(0, 6);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Governor.Permit permit = governor.acquire(UUID.randomUUID(), payer, lane, Duration.ofMinutes(1), 0);
            assertThat(permit.granted()).isTrue();
            waits.add(permit.waitMillis());
        }
        // burst of 2 now, then one token every 500 ms, each reserved for the next caller in line
        assertThat(waits.subList(0, 2)).containsOnly(0L);
        for (int i = 2; i < 6; i++) {
            assertThat(waits.get(i)).as("wait %d of %s", i, waits).isBetween((i - 1) * 500L - 300, (i - 1) * 500L + 50);
        }
        assertThat(governor.acquire(UUID.randomUUID(), payer, lane, Duration.ofMinutes(1), 0).reason()).contains("rate limit of clearinghouse");
    }

    @Test
    void aPortalCredentialIsUsedByOneRunAtATime() {
        Lane lane = new Lane("portal:availity", "portal:test-" + UUID.randomUUID(), null);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        assertThat(governor.acquire(first, "87726", lane, Duration.ofMinutes(5), 0).granted()).isTrue();
        assertThat(governor.acquire(first, "87726", lane, Duration.ofMinutes(5), 0).granted()).as("the holder again (a retry)").isTrue();
        Governor.Permit waiting = governor.acquire(second, "87726", lane, Duration.ofMinutes(5), 0);
        assertThat(waiting.granted()).isFalse();
        assertThat(waiting.waitMillis()).isBetween(200L, 2000L);
        assertThat(waiting.reason()).contains("in use by another run");
        governor.release(first);
        assertThat(governor.acquire(second, "87726", lane, Duration.ofMinutes(5), 0).granted()).isTrue();
        // a crashed holder's lease runs out
        jdbc.sql("update credential_leases set expires_at = now() - interval '1 second' where credential = ?").param(lane.credential()).update();
        assertThat(governor.acquire(first, "87726", lane, Duration.ofMinutes(5), 0).granted()).isTrue();
    }

    /**
     * Aetna's clearinghouse limit is 5/s with a burst of 10: 25 runs submitted at once all succeed (throttled runs
     * wait, none fail), and their clearinghouse calls spread over about (25 − 10) / 5 = 3 s (tokens refill while they are submitted).
     */
    @Test
    void aBurstOfRunsIsPacedByThePayersLimitAndNoneFails() {
        Runs runs = new Runs(http(Role.OPERATOR), jdbc);
        Instant start = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String member = "SIM" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode() % 10_000_000)) + "0";
            ids.add(runs.submit(Runs.eligibility("60054", "clearinghouse", member, "Ann", "Lee", "1990-01-01")));
        }
        for (String id : ids) {
            runs.awaitStatus(id, "succeeded", Duration.ofSeconds(90));
        }
        List<Instant> attempts = jdbc.sql("""
                        select min(ts) from run_timeline where type = 'run.attempted' and run_id = any (?::uuid[]) group by run_id order by 1""")
                .param(ids.toArray(String[]::new)).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
        assertThat(attempts).hasSize(25);
        assertThat(Duration.between(attempts.get(0), attempts.get(24))).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
        // no window of one second holds more than the burst plus one second of refill
        for (int i = 0; i < attempts.size(); i++) {
            Instant from = attempts.get(i);
            long inWindow = attempts.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(1))).count();
            assertThat(inWindow).isLessThanOrEqualTo(15);
        }
        assertThat(jdbc.sql("select count(*) from run_timeline where type = 'run.throttled' and run_id = any (?::uuid[])")
                .param(ids.toArray(String[]::new)).query(Long.class).single()).as("some runs waited for a token").isPositive();
        assertThat(start).isBefore(attempts.get(0));
    }
}
