package io.rcmos.server.payers;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The payer configurations in {@code config/payers/*.yaml}, read and checked once at start-up: a malformed or
 * inconsistent file stops the application with every problem named ({@code file[:line:column]: field: message}).
 * Payers without a file are answered with {@link PayerConfig#defaults}.
 */
public final class PayerRegistry {

    private static final Set<String> PURPOSES = Set.of("eligibility", "claim_status");
    private static final Pattern PAYER_ID = Pattern.compile("[A-Za-z0-9]{1,80}");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, PayerConfig> payers;

    private PayerRegistry(Map<String, PayerConfig> payers) {
        this.payers = payers;
    }

    /** {@code config/payers} as configured, or in the working directory or the nearest parent that has one; null if none. */
    public static Path locate(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("config/payers");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        return null;
    }

    public static PayerRegistry empty() {
        return new PayerRegistry(Map.of());
    }

    /** Reads every {@code *.yaml} directly in {@code dir} (flows live in sub-folders); throws listing all problems. */
    public static PayerRegistry load(Path dir) {
        Map<String, PayerConfig> payers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString();
                PayerConfig config;
                try {
                    config = YAML.readValue(Files.readString(file), PayerConfig.class);
                } catch (JacksonException e) {
                    var at = e.getLocation();
                    problems.add(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": " + e.getOriginalMessage());
                    continue;
                }
                List<String> found = check(config, dir);
                found.forEach(p -> problems.add(name + ": " + p));
                if (found.isEmpty()) {
                    PayerConfig before = payers.putIfAbsent(config.payerId(), config);
                    if (before != null) {
                        problems.add(name + ": payer_id " + config.payerId() + " is configured twice");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read payer configurations in " + dir, e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("payer configuration has problems:\n  " + String.join("\n  ", problems));
        }
        return new PayerRegistry(Map.copyOf(payers));
    }

    static List<String> check(PayerConfig c, Path dir) {
        List<String> problems = new ArrayList<>();
        if (c == null) {
            return List.of("the file is empty");
        }
        if (c.payerId() == null || !PAYER_ID.matcher(c.payerId()).matches()) {
            problems.add("payer_id: required, 1–80 letters or digits");
        }
        if (c.channels() == null) {
            problems.add("channels: required");
            return problems;
        }
        var ch = c.channels().clearinghouse();
        if (ch != null) {
            if (ch.tradingPartnerId() == null || ch.tradingPartnerId().isBlank()) {
                problems.add("channels.clearinghouse.trading_partner_id: required");
            }
            purposes("channels.clearinghouse.purposes", ch.purposes(), problems);
            rate("channels.clearinghouse.rate_limit", ch.rateLimit(), problems);
        }
        for (int i = 0; i < c.channels().portals().size(); i++) {
            var p = c.channels().portals().get(i);
            String at = "channels.portals[" + i + "]";
            if (p.portal() == null || !p.portal().matches("[a-z0-9_]{1,40}")) {
                problems.add(at + ".portal: required, a lower-case portal name");
            }
            purposes(at + ".purposes", p.purposes(), problems);
            for (String purpose : p.purposes() == null ? List.<String>of() : p.purposes()) {
                String flow = p.flows().get(purpose);
                if (flow == null) {
                    problems.add(at + ".flows." + purpose + ": required for a purpose the portal answers");
                } else if (!Files.isRegularFile(dir.resolve(flow).normalize()) || !dir.resolve(flow).normalize().startsWith(dir)) {
                    problems.add(at + ".flows." + purpose + ": no flow file " + flow + " under config/payers");
                }
            }
            if (p.credential() == null || p.credential().isBlank()) {
                problems.add(at + ".credential: required (the name of a configured portal credential, never its value)");
            }
            rate(at + ".rate_limit", p.rateLimit(), problems);
        }
        for (int i = 0; i < c.maintenanceWindows().size(); i++) {
            var w = c.maintenanceWindows().get(i);
            String at = "maintenance_windows[" + i + "]";
            boolean known = "clearinghouse".equals(w.channel()) || (w.channel() != null && w.channel().startsWith("portal:")
                    && c.channels().portals().stream().anyMatch(p -> w.channel().equals("portal:" + p.portal())));
            if (!known) {
                problems.add(at + ".channel: must be clearinghouse or portal:<a portal listed above>");
            }
            if (w.day() == null || w.from() == null || w.to() == null || w.zone() == null) {
                problems.add(at + ": day, from, to and zone are required");
            } else if (!w.from().isBefore(w.to())) {
                problems.add(at + ": from must be before to");
            }
        }
        return problems;
    }

    private static void purposes(String at, List<String> purposes, List<String> problems) {
        if (purposes == null || purposes.isEmpty()) {
            problems.add(at + ": at least one of eligibility, claim_status");
        } else {
            purposes.stream().filter(p -> !PURPOSES.contains(p)).forEach(p -> problems.add(at + ": unknown purpose " + p));
        }
    }

    private static void rate(String at, PayerConfig.RateLimit rate, List<String> problems) {
        if (rate != null && (rate.perSecond() <= 0 || rate.burst() < 1)) {
            problems.add(at + ": per_second must be above 0 and burst at least 1");
        }
    }

    /** The payer's configuration, or empty when it has no file (use {@link PayerConfig#defaults}). */
    public Optional<PayerConfig> configured(String payerId) {
        return Optional.ofNullable(payers.get(payerId));
    }

    public PayerConfig get(String payerId) {
        return configured(payerId).orElseGet(() -> PayerConfig.defaults(payerId));
    }

    public Collection<PayerConfig> all() {
        return payers.values();
    }
}
