package io.rcmos.agent.run;

import io.rcmos.agent.flow.Step;

import java.time.Duration;
import java.util.Map;

/** How a flow run ended, or where it stopped for a person. */
public sealed interface FlowOutcome {

    /** The flow finished; {@code outputs} are its emitted, typed fields. */
    record Completed(Map<String, Object> outputs) implements FlowOutcome {
    }

    /**
     * The flow waits at a breakpoint. The browser page stays open on its worker until {@code deadline} passes;
     * {@link FlowExecutor#resume} with the person's answer goes on from the very next step.
     */
    record Suspended(Step.BreakpointKind kind, String prompt, Duration deadline, String stepPath) implements FlowOutcome {
    }

    /**
     * The flow failed at {@code stepPath}. {@code code} is stable ({@code element_not_found}, {@code assertion_failed},
     * {@code deadline_exceeded}, {@code navigation_failed}, {@code flow_failed}, {@code browser_error},
     * {@code session_lost}…); {@code retryable} says whether running it again may help (a slow page) or not (a
     * page that says "no such member"). Messages never carry page text or input values.
     */
    record Failed(String code, String message, String stepPath, boolean retryable) implements FlowOutcome {
    }
}
