package io.rcmos.server.portal;

import io.rcmos.server.payers.PayerRegistry;
import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import io.rcmos.agent.run.FlowExecutor;
import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.platform.crypto.SharedKeys;
import io.rcmos.server.platform.crypto.Aead;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Wires the portal channel when {@code rcm.portal.base-url} is set: browser workers on Debian's Chromium (DNS only
 * for the portal's host), the flow executor, the payer flows (validated now: a broken flow stops start-up), sealed
 * session storage, and the channel itself.
 */
@Configuration
@EnableConfigurationProperties(PortalProperties.class)
class PortalConfig {

    @Bean(destroyMethod = "close")
    BrowserWorkers browserWorkers(PortalProperties props) {
        String host = props.baseUrl() == null || props.baseUrl().isBlank() ? null : URI.create(props.baseUrl()).getHost();
        BrowserSettings local = BrowserSettings.local(props.workers());
        return new BrowserWorkers(new BrowserSettings(local.executable(), props.workers(),
                host == null || host.equals("127.0.0.1") ? List.of() : List.of(host)));
    }

    @Bean(destroyMethod = "close")
    FlowExecutor flowExecutor(BrowserWorkers workers, io.opentelemetry.api.OpenTelemetry openTelemetry) {
        return new FlowExecutor(workers, openTelemetry.getTracer("rcm-agent"));
    }

    @Bean
    PortalFlows portalFlows(PortalProperties props) {
        return PortalFlows.load(PayerRegistry.locate(props.flows()));
    }

    @Bean
    PortalSessions portalSessions(PortalProperties props, JdbcClient jdbc, SharedKeys keys, Clock clock) {
        return new PortalSessions(jdbc, new Aead(keys.load(SharedKeys.Key.PORTAL_SESSIONS)),
                props.sessionTtl(), clock);
    }

    @Bean
    @Order(20)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
            "${rcm.portal.enabled:true} and '${rcm.portal.base-url:}' != ''")
    PortalChannel portalChannel(PortalProperties props, PortalFlows flows, FlowExecutor executor, PortalSessions sessions, Artifacts artifacts,
                                PayerRegistry payers) {
        return new PortalChannel(props, flows, executor, sessions, artifacts, payers);
    }
}
