package io.rcmos.server.portal;

import io.rcmos.agent.flow.Flow;
import io.rcmos.agent.flow.FlowValidation;
import io.rcmos.agent.flow.FlowValidator;
import io.rcmos.server.channels.Purpose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The payer flows under {@code config/payers/<portal>/<purpose>.yaml}, validated when the application starts: a flow
 * with problems stops start-up with every problem listed ({@code file:line:column: code: message}), so a broken flow
 * never reaches a run.
 */
final class PortalFlows {

    private final Map<String, Flow> byPortalAndPurpose;

    private PortalFlows(Map<String, Flow> flows) {
        this.byPortalAndPurpose = flows;
    }

    static PortalFlows load(Path dir) {
        Map<String, Flow> flows = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return new PortalFlows(flows);
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.getParent().equals(dir)).sorted().toList()) {
                FlowValidation v = FlowValidator.validate(file);
                if (!v.isValid() || v.flow().isEmpty()) {
                    v.errors().forEach(p -> problems.add(p.format()));
                    continue;
                }
                Flow flow = v.flow().get();
                flows.put(key(flow.portal(), flow.purpose() == Flow.Purpose.ELIGIBILITY ? Purpose.ELIGIBILITY : Purpose.CLAIM_STATUS), flow);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the payer flows in " + dir, e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("payer flows have problems:\n  " + String.join("\n  ", problems));
        }
        return new PortalFlows(flows);
    }

    Optional<Flow> flow(String portal, Purpose purpose) {
        return Optional.ofNullable(byPortalAndPurpose.get(key(portal, purpose)));
    }

    /** The longest deadline of the loaded flows (a minute when none is loaded). */
    java.time.Duration longestDeadline() {
        return byPortalAndPurpose.values().stream().map(Flow::deadline).max(java.util.Comparator.naturalOrder())
                .orElse(java.time.Duration.ofMinutes(1));
    }

    int size() {
        return byPortalAndPurpose.size();
    }

    private static String key(String portal, Purpose purpose) {
        return portal + "/" + purpose.wire();
    }
}
