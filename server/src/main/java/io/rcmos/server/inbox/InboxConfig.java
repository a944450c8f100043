package io.rcmos.server.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.rcmos.server.advice.ErrorAdvice;
import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.server.platform.crypto.Aead;
import io.rcmos.server.platform.crypto.SharedKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * The inbox: its store, its answer key (generated under RCM_HOME when not configured), the facade and the SLA sweep.
 * {@link RunHooks} (implemented by the runs module) is given by constructor; nothing is registered afterwards.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
class InboxConfig {

    @Bean
    InboxStore inboxStore(JdbcClient jdbc) {
        return new InboxStore(jdbc);
    }

    @Bean
    Inbox inbox(InboxStore store, TransactionTemplate tx, Events events, AuditLog audit, ObjectProvider<Artifacts> artifacts,
                InboxProperties props, SharedKeys keys, JsonMapper json, Clock clock, MeterRegistry meters, ErrorAdvice advice,
                QaReviews qaReviews, RunHooks hooks) {
        SealedAnswers answers = new SealedAnswers(new Aead(keys.load(SharedKeys.Key.INBOX_ANSWERS)), store);
        return new Inbox(store, answers, new AnswerRules(json, hooks), new TaskViews(artifacts.getIfAvailable(), hooks, advice),
                new QaPolicy(props.qa()), qaReviews, new RunWake(hooks), tx, events, audit, props, clock, meters);
    }

    @Bean
    SlaSweep slaSweep(InboxStore store, TransactionTemplate tx, Events events, AuditLog audit, InboxProperties props, Clock clock,
                      MeterRegistry meters, RunHooks hooks) {
        return new SlaSweep(store, tx, events, audit, props, clock, meters, new RunWake(hooks));
    }
}
