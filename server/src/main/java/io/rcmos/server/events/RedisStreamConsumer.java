package io.rcmos.server.events;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A durable reader of the event stream in a consumer group: at-least-once delivery, an entry acknowledged only
 * after its handler returns true. On start it first re-reads its own pending (delivered, unacknowledged) entries,
 * so a consumer that crashed mid-way loses nothing. Handlers must be idempotent (the stream entry id, equal to
 * the outbox position, is a natural key).
 */
public final class RedisStreamConsumer implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String stream;
    private final String group;
    private final String name;
    private boolean pendingDone;

    public RedisStreamConsumer(String redisUrl, String stream, String group, String name) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect();
        this.stream = stream;
        this.group = group;
        this.name = name;
        try {
            connection.sync().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), group, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException e) {
            // the group exists: join it
        }
    }

    /**
     * Reads up to {@code count} entries (waiting up to {@code block} for new ones) and hands each to
     * {@code handler}; returns how many were acknowledged.
     */
    public int poll(int count, Duration block, Predicate<StreamMessage<String, String>> handler) {
        RedisCommands<String, String> redis = connection.sync();
        List<StreamMessage<String, String>> messages;
        if (!pendingDone) {
            messages = redis.xreadgroup(Consumer.from(group, name), XReadArgs.Builder.count(count), XReadArgs.StreamOffset.from(stream, "0"));
            if (messages.isEmpty()) {
                pendingDone = true;
            }
        } else {
            messages = List.of();
        }
        if (pendingDone && messages.isEmpty()) {
            messages = redis.xreadgroup(Consumer.from(group, name), XReadArgs.Builder.count(count).block(block),
                    XReadArgs.StreamOffset.lastConsumed(stream));
        }
        int acked = 0;
        for (StreamMessage<String, String> m : messages) {
            if (handler.test(m)) {
                redis.xack(stream, group, m.getId());
                acked++;
            }
        }
        return acked;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
