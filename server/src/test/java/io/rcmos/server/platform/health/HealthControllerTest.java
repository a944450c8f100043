package io.rcmos.server.platform.health;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class HealthControllerTest {

    private static HealthCheck check(String name, Runnable body) {
        return new HealthCheck() {
            public String name() {
                return name;
            }

            public void check() {
                body.run();
            }
        };
    }

    @Test
    void readinessNamesEachFailedCheckWithoutItsExceptionText() {
        HealthController controller = new HealthController(List.of(
                check("db", () -> {
                    throw new IllegalStateException("FATAL: password authentication failed for user \"rcm\" at db.internal:5432");
                }),
                check("temporal", () -> { }),
                check("artifacts", () -> {
                    throw new RuntimeException(new java.io.IOException("secret-bucket-name unreachable"));
                })));
        var ready = controller.ready();
        assertThat(ready.getStatusCode().value()).isEqualTo(503);
        Map<String, Object> body = ready.getBody();
        assertThat(body).containsEntry("status", "not_ready");
        assertThat(body.get("failed")).isEqualTo(List.of("db", "artifacts"));
        assertThat(body.get("checks")).isEqualTo(Map.of("db", "failed", "temporal", "ok", "artifacts", "failed"));
        assertThat(body.toString()).doesNotContain("password").doesNotContain("db.internal").doesNotContain("secret-bucket")
                .doesNotContain("Exception");

        var health = controller.health();
        assertThat(health.getStatusCode().value()).isEqualTo(503);
        assertThat(health.getBody()).containsEntry("status", "unavailable");
        assertThat(health.getBody().toString()).doesNotContain("password").doesNotContain("Exception");

        var live = controller.live();
        assertThat(live.getStatusCode().value()).isEqualTo(200);
        assertThat(live.getBody()).isEqualTo(Map.of("status", "up"));
    }

    @Test
    void aHangingCheckIsATimeoutAndDoesNotHoldTheOthers() {
        CountDownLatch never = new CountDownLatch(1);
        HealthController controller = new HealthController(List.of(
                check("redis", () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }),
                check("db", () -> { })));
        long started = System.nanoTime();
        var ready = controller.ready();
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(ready.getStatusCode().value()).isEqualTo(503);
        assertThat(ready.getBody().get("checks")).isEqualTo(Map.of("redis", "timeout", "db", "ok"));
        assertThat(ms).isLessThan(HealthController.TIMEOUT_MS + 2000);
    }

    /**
     * Start-up work runs after the web server answers (the first admin is created, workflows re-attached): until it
     * is done the process is not ready, so a script that waits for health and then signs in never races it.
     */
    @Test
    void notReadyUntilStartUpWorkHasRun() {
        ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
        HealthController controller = new HealthController(List.of(check("db", () -> { })), availability);
        var starting = controller.health();
        assertThat(starting.getStatusCode().value()).isEqualTo(503);
        assertThat(starting.getBody().get("checks")).isEqualTo(Map.of("startup", "starting", "db", "ok"));

        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        var started = controller.health();
        assertThat(started.getStatusCode().value()).isEqualTo(200);
        assertThat(started.getBody().get("checks")).isEqualTo(Map.of("db", "ok"));
    }
}
