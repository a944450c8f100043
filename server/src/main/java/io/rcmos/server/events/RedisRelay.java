package io.rcmos.server.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies the outbox to Redis: each event is appended to the stream with the explicit entry id
 * {@code <outbox position>-0} and then published on the Pub/Sub channel; the relay's offset is stored in PostgreSQL.
 *
 * <p>Guarantees across restarts and crashes: the stream gets every event exactly once, in order — an append
 * retried after a crash (between XADD and the offset update) is refused by Redis because its id is not greater than
 * the stream's last id, and is counted as done. Pub/Sub is fire-and-forget by nature: a message is published only
 * when its append succeeded, so it is never duplicated, but a crash between the two can skip one; consumers that
 * must not miss anything read the stream (see {@link RedisStreamConsumer}). One relay runs per database: replicas
 * elect it with a PostgreSQL advisory lock.
 */
public class RedisRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisRelay.class);
    private static final long LEADER_LOCK = 0x52434D52454C4159L; // "RCMRELAY"
    private static final int BATCH = 500;

    private final EventsProperties props;
    private final OutboxReader outbox;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "redis-relay");
        t.setDaemon(true);
        return t;
    });
    private Connection leaderConnection;
    private volatile long relayed = -1;

    RedisRelay(EventsProperties props, OutboxReader outbox, JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.props = props;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
        this.client = RedisClient.create(props.redisUrl());
        this.connection = client.connect();
    }

    void start() {
        loop.scheduleWithFixedDelay(this::pass, 0, props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last outbox position this relay has appended, or -1 before its first pass. */
    long relayed() {
        return relayed;
    }

    void ping() {
        connection.sync().ping();
    }

    private void pass() {
        try {
            if (!leader()) {
                return;
            }
            long offset = jdbc.sql("select last_id from event_relay_offsets where relay = ?").param(props.relayName())
                    .query(Long.class).optional().orElse(0L);
            List<Event> batch;
            do {
                batch = outbox.after(offset, null, BATCH);
                RedisCommands<String, String> redis = connection.sync();
                for (Event e : batch) {
                    String envelope = envelope(e);
                    if (append(redis, e, envelope)) {
                        redis.publish(props.redisChannel(), envelope);
                    }
                    offset = e.id();
                }
                if (!batch.isEmpty()) {
                    jdbc.sql("""
                                    insert into event_relay_offsets (relay, last_id) values (?, ?)
                                    on conflict (relay) do update set last_id = greatest(event_relay_offsets.last_id, excluded.last_id),
                                                                      updated_at = now()""")
                            .params(props.relayName(), offset).update();
                }
            } while (batch.size() == BATCH);
            relayed = offset;
        } catch (RuntimeException e) {
            log.warn("redis relay pass failed reason={}", e.getClass().getSimpleName());
        }
    }

    /** True when appended now; false when the stream already holds this id (a retried append after a crash). */
    private boolean append(RedisCommands<String, String> redis, Event e, String envelope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", e.type());
        fields.put("event", envelope);
        try {
            redis.xadd(props.redisStream(), new XAddArgs().id(e.id() + "-0").maxlen(props.redisStreamMaxLength()).approximateTrimming(),
                    fields);
            return true;
        } catch (RedisCommandExecutionException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains("equal or smaller")) {
                return false;
            }
            throw ex;
        }
    }

    private String envelope(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type());
        m.put("run_id", e.runId());
        m.put("batch_id", e.batchId());
        m.put("payload", e.payload());
        m.put("ts", e.ts().toString());
        m.put("source", e.source());
        return json.writeValueAsString(m);
    }

    /** Holds a session advisory lock on a dedicated connection while this relay leads. */
    private boolean leader() {
        try {
            if (leaderConnection != null && leaderConnection.isValid(2)) {
                return true;
            }
            if (leaderConnection != null) {
                leaderConnection.close();
            }
            Connection c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
                s.setLong(1, LEADER_LOCK);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        leaderConnection = c;
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            leaderConnection = null;
            return false;
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (leaderConnection != null) {
                leaderConnection.close(); // releases the advisory lock
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
        connection.close();
        client.shutdown();
    }
}
