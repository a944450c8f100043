package io.rcmos.server.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Redis relay and consumer group against the machine's Redis: nothing lost or duplicated across restarts. */
class RedisEventsIT extends IntegrationTest {

    private static final String PREFIX = "rcm-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("rcm.events.redis-url", Services::redisUrl);
        registry.add("rcm.events.redis-stream", () -> PREFIX + ":stream");
        registry.add("rcm.events.redis-channel", () -> PREFIX + ":channel");
        registry.add("rcm.events.relay-name", () -> PREFIX);
    }

    @BeforeAll
    static void connect() {
        Services.requireRedis();
        redisClient = RedisClient.create(Services.redisUrl());
        redis = redisClient.connect();
    }

    @AfterAll
    static void cleanUp() {
        if (redis != null) {
            redis.sync().del(PREFIX + ":stream");
            redis.close();
            redisClient.shutdown();
        }
    }

    @Autowired
    Events events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    RedisRelay springRelay;

    @Autowired
    EventsProperties props;

    @Autowired
    OutboxReader outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JsonMapper json;

    @Autowired
    io.rcmos.server.platform.Ledger ledger;

    /** Appends in a transaction of its own; answers the event's outbox position, given by the ledger after commit. */
    private long append(UUID run, String type) {
        long id = tx.execute(s -> events.append(type, run, null, Map.of()));
        ledger.flush();
        return outbox.position(id).orElseThrow();
    }

    /** Stream entry ids (outbox positions) of the given run's events, in stream order. */
    private List<Long> streamIdsOf(UUID run) {
        List<Long> out = new ArrayList<>();
        for (StreamMessage<String, String> m : redis.sync().xrange(PREFIX + ":stream", io.lettuce.core.Range.create("-", "+"))) {
            if (m.getBody().get("event").contains(run.toString())) {
                out.add(Long.parseLong(m.getId().substring(0, m.getId().indexOf('-'))));
            }
        }
        return out;
    }

    @Test
    void relayAppendsEveryEventOnceAndPublishesIt() throws Exception {
        UUID run = UUID.randomUUID();
        List<String> published = new CopyOnWriteArrayList<>();
        StatefulRedisPubSubConnection<String, String> sub = redisClient.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (message.contains(run.toString())) {
                    published.add(message);
                }
            }
        });
        sub.sync().subscribe(PREFIX + ":channel");
        long a = append(run, "run.created");
        long b = append(run, "run.succeeded");
        await().atMost(Duration.ofSeconds(15)).until(() -> streamIdsOf(run).size() == 2);
        assertThat(streamIdsOf(run)).containsExactly(a, b);
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
        assertThat(json.readTree(published.get(0)).get("type").asString()).isEqualTo("run.created");
        sub.close();

        // a restart, and a crash between append and offset update: the offset is behind what Redis holds
        springRelay.close();
        UUID later = UUID.randomUUID();
        long c = append(later, "run.created");
        long d = append(later, "run.started");
        jdbc.sql("update event_relay_offsets set last_id = ? where relay = ?").params(a - 1, PREFIX).update();
        try (RedisRelay restarted = new RedisRelay(props, outbox, jdbc, dataSource, json)) {
            restarted.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> restarted.relayed() >= d);
            assertThat(streamIdsOf(run)).as("re-appended events are refused, not duplicated").containsExactly(a, b);
            assertThat(streamIdsOf(later)).as("events written while the relay was down arrive once").containsExactly(c, d);
        }
    }

    @Test
    void consumerGroupRedeliversUnacknowledgedEntriesAfterARestart() {
        String group = PREFIX + "-group";
        UUID run = UUID.randomUUID();
        append(run, "run.created");
        append(run, "run.started");
        append(run, "run.succeeded");
        // whichever relay holds the leader lock (Spring's, or this one if another test closed it) appends them
        try (RedisRelay relay = new RedisRelay(props, outbox, jdbc, dataSource, json)) {
            relay.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> streamIdsOf(run).size() == 3);
        }
        List<String> firstLife = new ArrayList<>();
        try (RedisStreamConsumer consumer = new RedisStreamConsumer(Services.redisUrl(), PREFIX + ":stream", group, "c1")) {
            // read everything, but "crash" before acknowledging this run's entries
            for (int i = 0; i < 50 && firstLife.size() < 3; i++) {
                consumer.poll(500, Duration.ofMillis(200), m -> {
                    if (m.getBody().get("event").contains(run.toString())) {
                        firstLife.add(m.getId());
                        return false;
                    }
                    return true;
                });
            }
        }
        assertThat(firstLife).hasSize(3);
        List<String> secondLife = new ArrayList<>();
        try (RedisStreamConsumer consumer = new RedisStreamConsumer(Services.redisUrl(), PREFIX + ":stream", group, "c1")) {
            consumer.poll(500, Duration.ofMillis(200), m -> {
                if (m.getBody().get("event").contains(run.toString())) {
                    secondLife.add(m.getId());
                }
                return true;
            });
            assertThat(secondLife).as("the pending entries come back").containsExactlyElementsOf(firstLife);
            List<String> third = new ArrayList<>();
            consumer.poll(500, Duration.ofMillis(200), m -> {
                if (m.getBody().get("event").contains(run.toString())) {
                    third.add(m.getId());
                }
                return true;
            });
            assertThat(third).as("acknowledged entries are not delivered again").isEmpty();
        }
        assertThat(redis.sync().xpending(PREFIX + ":stream", group).getCount()).isZero();
    }
}
