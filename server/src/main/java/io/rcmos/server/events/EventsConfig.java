package io.rcmos.server.events;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

/** The Redis relay exists only when {@code REDIS_URL} is set (and only a worker-role process runs it). */
@Configuration(proxyBeanMethods = false)
class EventsConfig {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression("!'${rcm.events.redis-url:}'.isBlank() and ${rcm.roles.worker:true}")
    RedisRelay redisRelay(EventsProperties props, OutboxReader outbox, JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        return new RedisRelay(props, outbox, jdbc, dataSource, json);
    }
}
