package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.rcmos.server.platform.InfoContributor;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Map;

/** Adds the purposes this instance answers and its configured channels (routes) to {@code /info}. */
@Component
class RunsInfo implements InfoContributor {

    private final Channels channels;

    RunsInfo(Channels channels) {
        this.channels = channels;
    }

    @Override
    public void contribute(Map<String, Object> info) {
        info.put("purposes", Arrays.stream(Purpose.values()).map(Purpose::wire).toList());
        info.put("routes", channels.routes());
    }
}
