package io.rcmos.server.insights;

import io.rcmos.server.platform.web.InvalidParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /metrics/summary?from=&to=} (ISO-8601 instants; default the last 24 hours): the exit figures per payer
 * and purpose and in total, as JSON for the console. Prometheus gets the same facts as counters at {@code /metrics}.
 */
@RestController
class ExitMetricsController {

    private final ExitMetrics metrics;
    private final Clock clock;

    ExitMetricsController(ExitMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/metrics/summary")
    ExitMetrics.Summary summary(@RequestParam(name = "from", required = false) String from,
                                @RequestParam(name = "to", required = false) String to) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidParameter("from", "must be before to");
        }
        return metrics.summary(start, end);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(field, "must be an ISO-8601 instant such as 2026-11-24T00:00:00Z");
        }
    }
}
