package io.rcmos.server.routing;

import io.rcmos.server.channels.Lane;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.rcmos.server.payers.PayerConfig;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Governance of calls to payers: a token bucket per payer × channel × credential (Bucket4j, state in PostgreSQL so
 * every process shares it) and a lease per portal credential (one run at a time signs in with it). Nothing here
 * sleeps: a caller told to wait waits as a durable workflow timer, so a throttled run stays queued, never failed.
 *
 * <p>Tokens are reserved, not polled: a run that must wait is handed the exact delay to its token, so a batch
 * queued behind a limit is paced at the limit instead of stampeding each time a token frees up.
 */
@Component
public class Governor {

    /** How far ahead tokens may be reserved; beyond that the caller asks again later. */
    static final Duration MAX_RESERVATION = Duration.ofMinutes(5);
    /** How long to wait before asking again for a credential another run holds: 2 s, doubling per ask, at most 1 min. */
    static final Duration LEASE_POLL = Duration.ofSeconds(2);
    static final Duration MAX_LEASE_POLL = Duration.ofMinutes(1);

    private final ProxyManager<String> buckets;
    private final JdbcClient jdbc;

    Governor(DataSource dataSource, JdbcClient jdbc) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_buckets")
                .build();
        this.jdbc = jdbc;
    }

    /**
     * The answer to "may this run call now": {@code granted} with {@code waitMillis} to sleep first (its token is
     * reserved), or not granted with when to ask again. {@code reason} says what held it (no PHI).
     */
    public record Permit(boolean granted, long waitMillis, String reason) {
        static Permit now() {
            return new Permit(true, 0, null);
        }
    }

    /**
     * Takes the lane's credential lease (until {@code holdFor} after any wait) and a token of its bucket. A run that
     * already holds the lease gets it again (activities retry). {@code asked} counts this run's earlier asks: a run
     * kept waiting asks less and less often, so a long wait stays a short workflow history.
     */
    public Permit acquire(UUID runId, String payerId, Lane lane, Duration holdFor, int asked) {
        if (lane == null) {
            return Permit.now();
        }
        if (lane.credential() != null) {
            Instant heldBy = lease(runId, lane.credential(), holdFor.plus(MAX_RESERVATION));
            if (heldBy != null) {
                long backoff = Math.min(MAX_LEASE_POLL.toMillis(), LEASE_POLL.toMillis() << Math.min(Math.max(asked, 0), 5));
                long wait = Math.max(200, Math.min(backoff, Duration.between(Instant.now(), heldBy).toMillis()));
                return new Permit(false, wait, "credential " + lane.credential() + " is in use by another run");
            }
        }
        if (lane.rateLimit() == null) {
            return Permit.now();
        }
        AtomicLong reservedNanos = new AtomicLong();
        BlockingStrategy record = reservedNanos::set; // the wait becomes a workflow timer instead of a parked thread
        boolean reserved;
        try {
            reserved = buckets.builder()
                    .withImplicitConfigurationReplacement(version(lane.rateLimit()), TokensInheritanceStrategy.AS_IS)
                    .build(lane.bucketKey(payerId), () -> configuration(lane.rateLimit()))
                    .asBlocking().tryConsume(1, MAX_RESERVATION.toNanos(), record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reserving a token", e);
        }
        String why = "rate limit of " + lane.channel() + " (" + lane.rateLimit().perSecond() + "/s, burst " + lane.rateLimit().burst() + ")";
        if (!reserved) {
            return new Permit(false, MAX_LEASE_POLL.toMillis(), why);
        }
        long waitMillis = Duration.ofNanos(reservedNanos.get()).toMillis();
        return new Permit(true, waitMillis, waitMillis == 0 ? null : why);
    }

    /** Keeps every lease the run holds until {@code until}. */
    public void holdAll(UUID runId, Instant until) {
        jdbc.sql("update credential_leases set expires_at = greatest(expires_at, ?) where run_id = ?")
                .params(java.sql.Timestamp.from(until), runId).update();
    }

    /** Releases every lease the run holds. */
    public void release(UUID runId) {
        jdbc.sql("delete from credential_leases where run_id = ?").params(runId).update();
    }

    /** Null when the lease is now the run's; else when the holder's lease ends. */
    private Instant lease(UUID runId, String credential, Duration holdFor) {
        int taken = jdbc.sql("""
                        insert into credential_leases (credential, run_id, expires_at) values (?, ?, now() + ?::interval)
                        on conflict (credential) do update set run_id = excluded.run_id, expires_at = excluded.expires_at
                        where credential_leases.run_id = excluded.run_id or credential_leases.expires_at < now()""")
                .params(credential, runId, holdFor.toMillis() + " milliseconds")
                .update();
        if (taken == 1) {
            return null;
        }
        return jdbc.sql("select expires_at from credential_leases where credential = ?").param(credential)
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(Instant.now());
    }

    private static BucketConfiguration configuration(PayerConfig.RateLimit limit) {
        long burst = Math.max(1, limit.burst());
        Duration refillPeriod = Duration.ofNanos(Math.max(1, (long) (burst / limit.perSecond() * 1_000_000_000L)));
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(burst).refillGreedy(burst, refillPeriod))
                .build();
    }

    /** A configuration version that changes when the limit does, so an edited limit replaces the stored one. */
    private static long version(PayerConfig.RateLimit limit) {
        return Math.abs((long) java.util.Objects.hash(limit.perSecond(), limit.burst()));
    }
}
