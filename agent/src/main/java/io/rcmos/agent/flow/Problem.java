package io.rcmos.agent.flow;

/**
 * One thing wrong with a flow file, with where it is: {@code file:line:column}, the path of the node
 * ({@code steps[3].then[0].locator}) and a message written for the person fixing the flow.
 */
public record Problem(String file, int line, int column, String path, ProblemCode code, String message) {

    /** Whether this problem makes the flow unusable. */
    public boolean isError() {
        return code.severity() == ProblemCode.Severity.ERROR;
    }

    /** {@code file:line:column: code: message (at path)}; warnings say so before the message. */
    public String format() {
        String prefix = isError() ? "" : "warning: ";
        return file + ":" + line + ":" + column + ": " + code.code() + ": " + prefix + message + " (at " + path + ")";
    }

    @Override
    public String toString() {
        return format();
    }
}
