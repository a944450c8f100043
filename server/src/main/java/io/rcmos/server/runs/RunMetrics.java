package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code rcm_runs_total{purpose,payer,route,outcome,touch}} ({@code touch}: human or none) and the {@code rcm_run_duration_seconds} histogram.
 * Labels are ids and codes only (payer id, not payer member data).
 */
@Component
class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(Purpose purpose, String payerId, String route, String outcome, boolean humanTouched, Duration duration) {
        Counter.builder("rcm.runs")
                .description("Runs finished, by purpose, payer, route that answered and outcome")
                .tags("purpose", purpose.wire(), "payer", payerId, "route", route == null ? "none" : route, "outcome", outcome,
                        "touch", humanTouched ? "human" : "none")
                .register(registry)
                .increment();
        Timer.builder("rcm.run.duration")
                .description("Time from submission to a terminal status")
                .tags("purpose", purpose.wire(), "payer", payerId, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
    }
}
