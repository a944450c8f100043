package io.rcmos.server.platform.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The probes, all public:
 * <ul>
 *   <li>{@code GET /livez}: liveness — the process answers HTTP; 200 {@code {"status":"up"}}, no dependency checked
 *   (a database outage must not get every replica restarted).</li>
 *   <li>{@code GET /readyz}: readiness — every {@link HealthCheck} (db, temporal, events/redis, artifacts,
 *   clearinghouse…) run at once, each within {@value #TIMEOUT_MS} ms; 200 when all pass, else 503 naming each failed
 *   check.</li>
 *   <li>{@code GET /healthz}: the same checks in the older shape ({@code ok}/{@code unavailable}), kept for
 *   {@code ./rcm}, compose and the Dockerfile.</li>
 * </ul>
 * Public answers never carry exception text (it may name hosts, users or values): a check is {@code ok},
 * {@code failed} or {@code timeout}; the exception's class is logged, never its message.
 */
@RestController
class HealthController {

    private static final Logger log = LoggerFactory.getLogger(HealthController.class);
    static final long TIMEOUT_MS = 3000;

    private final List<HealthCheck> checks;
    /** Own threads: the common pool has one thread on a 2-core machine, where a hanging check would delay the others. */
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-check");
        t.setDaemon(true);
        return t;
    });

    /** Null in unit tests: then the process counts as started. */
    private final ApplicationAvailability availability;

    HealthController(List<HealthCheck> checks) {
        this(checks, (ApplicationAvailability) null);
    }

    @Autowired
    HealthController(List<HealthCheck> checks, ObjectProvider<ApplicationAvailability> availability) {
        this(checks, availability.getIfAvailable());
    }

    HealthController(List<HealthCheck> checks, ApplicationAvailability availability) {
        this.checks = checks;
        this.availability = availability;
    }

    @GetMapping("/livez")
    ResponseEntity<Map<String, Object>> live() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("status", "up"));
    }

    @GetMapping("/readyz")
    ResponseEntity<Map<String, Object>> ready() {
        return checked("ready", "not_ready");
    }

    /** The same checks in their older words, for {@code ./rcm}, compose and the Dockerfile. */
    @GetMapping("/healthz")
    ResponseEntity<Map<String, Object>> health() {
        return checked("ok", "unavailable");
    }

    private ResponseEntity<Map<String, Object>> checked(String up, String down) {
        Map<String, String> results = runChecks();
        List<String> failed = failed(results);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failed.isEmpty() ? up : down);
        body.put("checks", results);
        if (!failed.isEmpty()) {
            body.put("failed", failed);
        }
        return answer(failed, body);
    }

    private static ResponseEntity<Map<String, Object>> answer(List<String> failed, Map<String, Object> body) {
        return ResponseEntity.status(failed.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .cacheControl(CacheControl.noStore()).body(body);
    }

    private static List<String> failed(Map<String, String> results) {
        return results.entrySet().stream().filter(e -> !"ok".equals(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** Every check at once; each answers {@code ok}, {@code failed} or {@code timeout}. */
    Map<String, String> runChecks() {
        Map<String, CompletableFuture<String>> running = new LinkedHashMap<>();
        if (availability != null && availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            // start-up work still running (the first admin, re-attached workflows): not ready, whatever else says
            running.put("startup", CompletableFuture.completedFuture("starting"));
        }
        for (HealthCheck check : checks) {
            running.put(check.name(), CompletableFuture.supplyAsync(() -> {
                try {
                    check.check();
                    return "ok";
                } catch (Exception e) {
                    log.warn("health check failed check={} exception={}", check.name(), e.getClass().getName());
                    return "failed";
                }
            }, pool));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        Map<String, String> results = new LinkedHashMap<>();
        running.forEach((name, future) -> {
            try {
                results.put(name, future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                log.warn("health check timed out check={} timeout_ms={}", name, TIMEOUT_MS);
                results.put(name, "timeout");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.put(name, "failed");
            } catch (Exception e) {
                results.put(name, "failed");
            }
        });
        return results;
    }
}
