package io.rcmos.sim.registry;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one member and claim registry every simulated channel reads (clearinghouse now, portals later), so all of
 * them tell the same truth. Holds the members listed in a YAML file (Stedi's published mock members and our own
 * scenarios) and a synthetic population: any member id {@code SIM} + 8 digits is a member whose plan and benefits
 * derive from the digits and whose last digit picks the scenario (0–6 active, 7 inactive, 8 not found,
 * 9 payer unavailable on the first call).
 */
public final class Registry {

    private static final Pattern SYNTHETIC = Pattern.compile("SIM(\\d{8})", Pattern.CASE_INSENSITIVE);

    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, List<Claim>> claims = new HashMap<>();

    /** The YAML file's shape. */
    record File(List<Member> members, List<Claim> claims) {
    }

    private Registry(File file) {
        if (file.members() != null) {
            file.members().forEach(m -> members.put(key(m.memberId()), m));
        }
        if (file.claims() != null) {
            file.claims().forEach(c -> claims.computeIfAbsent(key(c.memberId()), k -> new ArrayList<>()).add(c));
        }
    }

    /** The registry bundled with the simulator. */
    public static Registry bundled() {
        try (InputStream in = Registry.class.getResourceAsStream("/sim-registry.yaml")) {
            return new Registry(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Registry fromFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return new Registry(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry " + path, e);
        }
    }

    private static File read(InputStream in) {
        YAMLMapper yaml = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return yaml.readValue(in, File.class);
    }

    private static String key(String memberId) {
        return memberId.trim().toUpperCase(Locale.ROOT);
    }

    public Optional<Member> member(String memberId) {
        if (memberId == null || memberId.isBlank()) {
            return Optional.empty();
        }
        Matcher m = SYNTHETIC.matcher(memberId.trim());
        if (m.matches()) {
            return Optional.of(synthetic(m.group(1)));
        }
        if (key(memberId).startsWith("FAULT")) {
            // fault-injection members (see SimServer): once their injected fault has been served they are active
            Member base = synthetic("00000000");
            return Optional.of(new Member(memberId.trim(), null, null, null, null, null, Scenario.ACTIVE, base.plan(),
                    base.benefits(), List.of()));
        }
        return Optional.ofNullable(members.get(key(memberId)));
    }

    /** Claims on file for a member; synthetic members have one claim per patient control number asked about. */
    public List<Claim> claims(String memberId, String patientControlNumber, LocalDate from, LocalDate to) {
        Matcher m = SYNTHETIC.matcher(memberId == null ? "" : memberId.trim());
        if (m.matches()) {
            return syntheticClaim(m.group(1), patientControlNumber, from, to).map(List::of).orElse(List.of());
        }
        return claims.getOrDefault(memberId == null ? "" : key(memberId), List.of());
    }

    private static Member synthetic(String digits) {
        int d0 = digits.charAt(0) - '0';
        int d1 = digits.charAt(1) - '0';
        int d2 = digits.charAt(2) - '0';
        int last = digits.charAt(7) - '0';
        Scenario scenario = switch (last) {
            case 7 -> Scenario.INACTIVE;
            case 8 -> Scenario.NOT_FOUND;
            case 9 -> Scenario.PAYER_UNAVAILABLE;
            default -> Scenario.ACTIVE;
        };
        BigDecimal deductible = BigDecimal.valueOf(500L * (1 + d1 % 6));
        BigDecimal oop = BigDecimal.valueOf(3000L + 1000L * (d2 % 5));
        BigDecimal used = BigDecimal.valueOf(50L * d0);
        Member.Benefits benefits = new Member.Benefits(BigDecimal.valueOf(10 + 5L * (d0 % 5)), BigDecimal.valueOf(30 + 10L * (d1 % 4)),
                BigDecimal.valueOf(150 + 50L * (d2 % 3)), new BigDecimal("0." + (1 + d2 % 3) + "0"), deductible,
                deductible.subtract(used).max(BigDecimal.ZERO), oop, oop.subtract(used), d0 % 2 == 0);
        Member.Plan plan = new Member.Plan(d1 % 2 == 0 ? "SIM Choice Plus PPO" : "SIM Select HMO", "GRP" + digits.substring(0, 5),
                LocalDate.of(2026, 1, 1), null, d1 % 2 == 0 ? "C1" : "HM");
        return new Member("SIM" + digits, null, null, null, null, null, scenario, plan, benefits, List.of());
    }

    private static Optional<Claim> syntheticClaim(String digits, String pcn, LocalDate from, LocalDate to) {
        int last = digits.charAt(7) - '0';
        if (last == 9) {
            return Optional.empty();
        }
        BigDecimal charge = BigDecimal.valueOf(100 + 25L * (digits.charAt(3) - '0')).setScale(2);
        String category = last == 7 ? "F2" : last == 8 ? "P1" : "F1";
        String status = last == 7 ? "88" : last == 8 ? "20" : "65";
        BigDecimal paid = "F1".equals(category) ? charge.multiply(new BigDecimal("0.80")).setScale(2) : BigDecimal.ZERO.setScale(2);
        LocalDate paidDate = "F1".equals(category) && to != null ? to.plusDays(14) : null;
        String claimNumber = "SC" + digits + Math.abs((pcn == null ? "" : pcn).hashCode() % 10000);
        return Optional.of(new Claim("SIM" + digits, pcn, claimNumber, category, status, from, to, charge, paid, paidDate,
                "F1".equals(category) ? "CHK" + digits.substring(2) : null,
                List.of(new Claim.Line("99213", charge, paid, category, status))));
    }
}
