package io.rcmos.agent.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and validates flow files (language v0.1) and compiles the valid ones. Validation never throws on bad
 * input: malformed YAML, a wrong shape or a broken rule each become a {@link Problem} with {@code file:line:column}.
 *
 * <p>Passes: YAML with positions; the JSON Schema ({@link FlowSchema}); then the rules a schema cannot express
 * (references and scope, secrets, locator order, caps, emit types, ids, reachability). Both passes always run,
 * so one report lists every problem.
 */
public final class FlowValidator {

    private FlowValidator() {
    }

    /** Validates a file; {@code file} in problems is the path as given. */
    public static FlowValidation validate(Path file) throws IOException {
        return validate(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Validates flow text; {@code file} names it in problems. */
    public static FlowValidation validate(String file, String yaml) {
        YamlReader.Result read = YamlReader.read(file, yaml);
        if (read.root().isEmpty()) {
            return new FlowValidation(file, read.problems(), Optional.empty());
        }
        YamlNode root = read.root().get();
        Problems problems = new Problems(file, root);
        read.problems().forEach(problems::add);
        SchemaPass.run(root, problems);
        FlowChecker.run(root, problems);
        Optional<Flow> flow = problems.hasErrors() ? Optional.empty()
                : Optional.of(FlowCompiler.compile(file, (YamlNode.Mapping) root));
        return new FlowValidation(file, problems.sorted(), flow);
    }
}
