package io.rcmos.agent.flow;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a flow, as the executor runs it. Built by {@link FlowValidator} only from a flow without errors,
 * so every reference in it is declared, every duration is within {@link FlowLimits}, and secrets appear only as
 * fill values.
 */
public sealed interface Step permits Step.Navigate, Step.Fill, Step.Select, Step.Click, Step.Wait, Step.Extract,
        Step.Assert, Step.Emit, Step.Breakpoint, Step.If, Step.ForEach, Step.Screenshot, Step.Retry, Step.End, Step.Fail {

    /** What every step has. */
    Info info();

    /** The YAML {@code op} of a step type: {@code ForEach} → {@code for_each}. */
    static String op(Class<? extends Step> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /**
     * @param id        the step's optional id
     * @param path      where it sits, e.g. {@code steps[3].then[0]}
     * @param line      its line in the flow file
     * @param timeout   its timeout ({@link FlowLimits#DEFAULT_STEP_TIMEOUT} when the flow sets none)
     * @param sensitive whether the field or region it touches must be masked in evidence
     */
    record Info(Optional<String> id, String path, int line, Duration timeout, boolean sensitive) {
    }

    /** Load a URL. */
    record Navigate(Info info, Template url) implements Step {
    }

    /**
     * Type into a field. {@code secret} is the flow's {@code secret:} or, when absent, whether the locator looks
     * like a password/code field; secret fields are filled only from secrets, TOTP codes or breakpoint answers.
     * {@code format} formats a date value ({@code java.time} pattern).
     */
    record Fill(Info info, Locator locator, Template value, Optional<String> format, boolean secret) implements Step {
    }

    /** Choose an option by its visible label. */
    record Select(Info info, Locator locator, Template value) implements Step {
    }

    /** Click an element; {@code within} names the for_each row variable that scopes the locator. */
    record Click(Info info, Locator locator, Optional<String> within) implements Step {
    }

    /** Wait until something is true, never longer than the step's timeout. */
    record Wait(Info info, Until until) implements Step {
    }

    /** What a wait waits for. */
    sealed interface Until {
    }

    record UntilElement(Locator locator, ElementState state) implements Until {
    }

    record UntilUrl(UrlPattern url) implements Until {
    }

    record UntilNetworkIdle() implements Until {
    }

    /** A fixed pause, at most {@link FlowLimits#MAX_WAIT}. */
    record UntilElapsed(Duration duration) implements Until {
    }

    enum ElementState { VISIBLE, HIDDEN, ATTACHED, DETACHED }

    /**
     * Read a value into variable {@code into}: an element's text or attribute parsed by {@code parse}, or a
     * table's rows, each column found by its header text and parsed by its own parser.
     */
    record Extract(Info info, ExtractKind kind, Locator locator, String into, Optional<String> attribute, Parse parse,
                   List<Column> columns, Optional<String> within) implements Step {
    }

    enum ExtractKind { TEXT, ATTRIBUTE, TABLE }

    /** A parser: its type, a date format (date only) and a page-text-to-code map (code only). */
    record Parse(ValueType type, Optional<String> format, Map<String, String> map) {
    }

    /** A table column: the row field {@code name}, the header text that finds it, and its parser. */
    record Column(String name, String header, Parse parse) {
    }

    /** Fail the run unless the condition holds. */
    record Assert(Info info, Condition that, Optional<String> message) implements Step {
    }

    /**
     * Set output fields (values are templates; numbers are kept as their text and converted to the output's
     * type), or append one item to the list output {@code appendTo}.
     */
    record Emit(Info info, Optional<String> appendTo, Map<String, Template> values) implements Step {
    }

    /** Ask a person; the run waits up to {@code deadline}, then fails (or continues, when {@code failOnTimeout} is false). */
    record Breakpoint(Info info, BreakpointKind kind, String prompt, Duration deadline, Optional<String> into,
                      boolean failOnTimeout) implements Step {
    }

    enum BreakpointKind { MFA, CAPTCHA, REVIEW }

    /** Branch on a condition. */
    record If(Info info, Condition when, List<Step> then, List<Step> otherwise) implements Step {
    }

    /** Run {@code body} once per row of the rows variable {@code in}, the row bound to {@code as}. */
    record ForEach(Info info, String in, String as, List<Step> body) implements Step {
    }

    /** A named screenshot (sensitive fields masked). */
    record Screenshot(Info info, String name, boolean fullPage) implements Step {
    }

    /** Run {@code body} again, up to {@code attempts} times in all, pausing {@code backoff} between attempts. */
    record Retry(Info info, int attempts, Duration backoff, List<Step> body) implements Step {
    }

    /** Finish successfully with what was emitted. */
    record End(Info info) implements Step {
    }

    /** Finish as failed. */
    record Fail(Info info, String reason) implements Step {
    }
}
