package io.rcmos.agent.flow;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * {@code flow validate FILE...}: prints every problem as {@code file:line:column: code: message (at path)} and
 * exits 0 when no file has an error (warnings allowed), 1 when any has, 2 on a usage or read error.
 * {@code flow schema} prints the JSON Schema of the language. {@code flow replay FLOW --har HAR} re-runs a flow offline
 * against a recorded run (a {@link FlowCommand} of the executor's package, found with {@link ServiceLoader}).
 */
public final class FlowCli {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private FlowCli() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals("schema") && args.size() == 1) {
            out.println(FlowSchema.json());
            return OK;
        }
        if (!args.isEmpty()) {
            for (FlowCommand command : ServiceLoader.load(FlowCommand.class, FlowCli.class.getClassLoader())) {
                if (command.name().equals(args.get(0))) {
                    return command.run(args, out, err);
                }
            }
        }
        if (args.size() < 2 || !args.get(0).equals("validate")) {
            err.println("usage: flow validate FILE...   |   flow schema   |   flow replay FLOW.yaml --har RUN.har");
            return USAGE;
        }
        int status = OK;
        for (String file : args.subList(1, args.size())) {
            FlowValidation validation;
            try {
                validation = FlowValidator.validate(Path.of(file));
            } catch (IOException | RuntimeException e) {
                err.println(file + ": cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                return USAGE;
            }
            validation.problems().forEach(p -> out.println(p.format()));
            if (!validation.isValid()) {
                status = INVALID;
            }
        }
        return status;
    }
}
