package io.rcmos.server.clearinghouse.outbound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable journal of clearinghouse exchanges ({@code clearinghouse_exchanges}, migration V14): one row per
 * request we send to Stedi, written with its control number before the request leaves and completed with the answer
 * when it comes back. It is what makes an attempt safe to run again after a crash:
 * <ul>
 *   <li>an exchange with an answer ({@code answered}) is answered from the journal: nothing is sent again;</li>
 *   <li>an exchange without one ({@code sent}: the process died, or the call timed out, between sending and
 *       recording) is sent again as the same exchange — the same control number (and in X12 mode the same
 *       interchange, ISA13/GS06/ST02 and date). Eligibility and claim status are read-only queries, so asking again
 *       cannot change anything at the payer, and the repeat carries the number that ties it to the first ask;</li>
 *   <li>a refusal that asks for a retry (429, 5xx, AAA 42) makes it {@code failed}: the next attempt is a new
 *       exchange with a new control number;</li>
 *   <li>once the run has acted on the outcome, {@link #settle} closes it: a later, deliberate attempt (a person's
 *       Retry after a review) is a new exchange.</li>
 * </ul>
 * A run has at most one open exchange; a changed request (a person's correction) settles the old one.
 */
@Component
class ExchangeJournal {

    /**
     * One exchange: its control numbers, when it was opened and — once answered — the answer. {@code fresh}: opened
     * by this call, its first send already counted.
     */
    record Exchange(long id, String controlNumber, long isa, long gs, long st, Instant createdAt, StediClient.Reply answer,
                    boolean fresh) {
        boolean answered() {
            return answer != null;
        }
    }

    private static final String TRADING_PARTNER = "stedi";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ControlNumberStore controlNumbers;

    ExchangeJournal(JdbcClient jdbc, TransactionTemplate tx, ControlNumberStore controlNumbers) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.controlNumbers = controlNumbers;
    }

    /**
     * The run's open exchange for this request ({@code path} and the request as JSON, before any control number), or a
     * new one with fresh control numbers when there is none or the open one asked something else.
     */
    Exchange open(UUID runId, String path, JsonNode request) {
        String digest = digest(path, request);
        return tx.execute(s -> {
            // the run's open exchange, if any: empty when there is none, empty inside when it asked something else
            Optional<Optional<Exchange>> open = jdbc.sql("""
                            select id, control_number, isa, gs, st, created_at, state, status, answer, retry_after_ms, request_digest, path
                              from clearinghouse_exchanges where run_id = ? and state in ('sent', 'answered') for update""")
                    .param(runId)
                    .query((rs, n) -> rs.getString("request_digest").equals(digest) && rs.getString("path").equals(path)
                            ? Optional.of(exchange(rs, false)) : Optional.<Exchange>empty())
                    .optional();
            if (open.isPresent() && open.get().isPresent()) {
                return open.get().get();
            }
            if (open.isPresent()) {
                jdbc.sql("update clearinghouse_exchanges set state = 'settled' where run_id = ? and state in ('sent', 'answered')")
                        .param(runId).update();
            }
            ControlNumberStore.Allocated n = controlNumbers.next(TRADING_PARTNER);
            return jdbc.sql("""
                            insert into clearinghouse_exchanges (run_id, path, request_digest, control_number, isa, gs, st, sends)
                            values (?, ?, ?, ?, ?, ?, ?, 1)
                            returning id, control_number, isa, gs, st, created_at, state, status, answer, retry_after_ms""")
                    .params(runId, path, digest, n.isa13(), n.interchange(), n.group(), n.transactionSet())
                    .query((rs, n2) -> exchange(rs, true))
                    .single();
        });
    }

    /** The request of an exchange opened before is about to leave again (counted, so a repeat shows in the journal). */
    void sending(Exchange exchange) {
        jdbc.sql("update clearinghouse_exchanges set sends = sends + 1 where id = ?").param(exchange.id()).update();
    }

    /** What came back, kept for an attempt that runs again. A transport failure keeps the exchange unanswered. */
    void answered(Exchange exchange, StediClient.Reply reply) {
        if (reply.transportFailed()) {
            return;
        }
        jdbc.sql("""
                        update clearinghouse_exchanges set state = 'answered', status = ?, answer = cast(? as jsonb),
                               retry_after_ms = ?, answered_at = now()
                         where id = ? and state = 'sent'""")
                .params(reply.status(), reply.body() == null ? null : StediClient.WIRE.writeValueAsString(reply.body()),
                        reply.retryAfter() == null ? null : reply.retryAfter().toMillis(), exchange.id())
                .update();
    }

    /** The answer asked for a retry: the next attempt is a new exchange. */
    void failed(Exchange exchange) {
        jdbc.sql("update clearinghouse_exchanges set state = 'failed' where id = ? and state in ('sent', 'answered')")
                .param(exchange.id()).update();
    }

    /** The run acted on its exchange's outcome: whatever is asked for this run next is a new exchange. */
    void settle(UUID runId) {
        jdbc.sql("update clearinghouse_exchanges set state = 'settled' where run_id = ? and state in ('sent', 'answered')")
                .param(runId).update();
    }

    private static Exchange exchange(ResultSet rs, boolean fresh) throws SQLException {
        StediClient.Reply answer = null;
        if ("answered".equals(rs.getString("state"))) {
            int status = rs.getInt("status");
            String body = rs.getString("answer");
            long retryAfterMs = rs.getLong("retry_after_ms");
            Duration retryAfter = rs.wasNull() ? null : Duration.ofMillis(retryAfterMs);
            answer = new StediClient.Reply(status, body == null ? null : StediClient.WIRE.readTree(body), null, retryAfter);
        }
        Timestamp created = rs.getTimestamp("created_at");
        return new Exchange(rs.getLong("id"), rs.getString("control_number"), rs.getLong("isa"), rs.getLong("gs"),
                rs.getLong("st"), created.toInstant(), answer, fresh);
    }

    /** SHA-256 of the path and the request: tells a changed request (a correction) from the same one asked again. */
    static String digest(String path, JsonNode request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(StediClient.WIRE.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
