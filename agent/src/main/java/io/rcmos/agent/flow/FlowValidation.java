package io.rcmos.agent.flow;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating one flow file: every problem found (errors and warnings, in file order) and, when
 * there is no error, the compiled {@link Flow}.
 */
public record FlowValidation(String file, List<Problem> problems, Optional<Flow> flow) {

    public FlowValidation {
        problems = List.copyOf(problems);
    }

    /** Whether the flow has no error (it may have warnings). */
    public boolean isValid() {
        return problems.stream().noneMatch(Problem::isError);
    }

    /** Only the errors. */
    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }
}
