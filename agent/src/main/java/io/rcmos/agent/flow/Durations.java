package io.rcmos.agent.flow;

import java.time.Duration;

/** The checks every duration in a flow gets after the schema has vetted its spelling: positive and under its cap. */
final class Durations {

    private Durations() {
    }

    /** Reports a zero duration or one above {@code cap}; {@code what} names it in the message ("the step timeout"). */
    static void check(Duration value, Duration cap, String what, TreePath path, Problems problems) {
        if (value.isZero()) {
            problems.at(path, ProblemCode.BAD_DURATION, what + " must be more than zero");
        } else if (value.compareTo(cap) > 0) {
            problems.at(path, ProblemCode.TIMEOUT_ABOVE_CAP, what + " " + FlowLimits.show(value) + " is above the cap of "
                    + FlowLimits.show(cap));
        }
    }
}
