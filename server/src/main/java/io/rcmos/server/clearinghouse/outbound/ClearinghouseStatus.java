package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.server.clearinghouse.StediProperties;
import io.rcmos.server.platform.InfoContributor;
import io.rcmos.server.platform.health.HealthCheck;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the clearinghouse is wired: {@code /info} says so (never the key), and when it is, the {@code
 * clearinghouse} health check reaches Stedi's host (a TCP connect, no API call and no cost).
 */
@Component
class ClearinghouseStatus implements InfoContributor, HealthCheck {

    private final StediProperties props;

    ClearinghouseStatus(StediProperties props) {
        this.props = props;
    }

    @Override
    public void contribute(Map<String, Object> info) {
        Map<String, Object> ch = new LinkedHashMap<>();
        ch.put("wired", props.configured());
        if (props.configured()) {
            URI uri = URI.create(props.baseUrl());
            ch.put("target", uri.getHost() != null && uri.getHost().endsWith("stedi.com") ? "stedi" : "simulator or other");
            ch.put("mode", props.mode());
            ch.put("max_concurrency", props.maxConcurrency());
        }
        info.put("clearinghouse", ch);
    }

    @Override
    public String name() {
        return "clearinghouse";
    }

    @Override
    public void check() throws IOException {
        if (!props.configured()) {
            return; // not wired: nothing to reach, and runs will not be routed there
        }
        URI uri = URI.create(props.baseUrl());
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 2000);
        } catch (IOException e) {
            throw new IOException("cannot reach the clearinghouse host " + uri.getHost() + ":" + port);
        }
    }
}
