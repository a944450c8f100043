package io.rcmos.server.platform.health;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code GET /healthz}: 200 with every check ok, or 503 naming each failed check and why. */
@RestController
class HealthController {

    private static final long TIMEOUT_MS = 3000;

    private final List<HealthCheck> checks;

    HealthController(List<HealthCheck> checks) {
        this.checks = checks;
    }

    @GetMapping("/healthz")
    ResponseEntity<Map<String, Object>> health() {
        Map<String, CompletableFuture<String>> running = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            running.put(check.name(), CompletableFuture.supplyAsync(() -> {
                try {
                    check.check();
                    return "ok";
                } catch (Exception e) {
                    return "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
            }));
        }
        Map<String, String> results = new LinkedHashMap<>();
        running.forEach((name, future) -> {
            try {
                results.put(name, future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                results.put(name, "failed: no answer within " + TIMEOUT_MS + " ms");
            } catch (Exception e) {
                results.put(name, "failed: " + e.getClass().getSimpleName());
            }
        });
        List<String> failed = results.entrySet().stream().filter(e -> !"ok".equals(e.getValue())).map(Map.Entry::getKey).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failed.isEmpty() ? "ok" : "unavailable");
        body.put("checks", results);
        if (!failed.isEmpty()) {
            body.put("failed", failed);
        }
        return ResponseEntity.status(failed.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
