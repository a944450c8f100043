package io.rcmos.server.payers;

import io.rcmos.server.platform.web.InvalidParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collection;
import java.util.Map;

/**
 * {@code GET /payers}: the configured payers with their channels, purposes, limits and maintenance windows;
 * {@code GET /payers/{id}}: one payer, or the clearinghouse defaults (with {@code configured: false}) for a payer
 * without a file. Credentials appear by name only.
 */
@RestController
class PayerController {

    private final PayerRegistry registry;

    PayerController(PayerRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/payers")
    Collection<PayerConfig> payers() {
        return registry.all();
    }

    @GetMapping("/payers/{payerId}")
    Map<String, Object> payer(@PathVariable("payerId") String payerId) {
        if (!payerId.matches("[A-Za-z0-9]{1,80}")) {
            throw new InvalidParameter("payer_id", "must be 1–80 letters or digits");
        }
        return Map.of("configured", registry.configured(payerId).isPresent(), "payer", registry.get(payerId));
    }
}
