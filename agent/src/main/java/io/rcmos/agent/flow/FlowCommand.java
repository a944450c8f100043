package io.rcmos.agent.flow;

import java.io.PrintStream;
import java.util.List;

/**
 * A subcommand of {@link FlowCli} implemented above the language, e.g. {@code flow replay} (it runs a flow, so it lives
 * with the executor in {@code io.rcmos.agent.run}). Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.rcmos.agent.flow.FlowCommand}) so that the language package depends on no package that
 * uses it. An implementation needs a public no-argument constructor.
 */
public interface FlowCommand {

    /** The first argument that selects this command, e.g. {@code replay}. */
    String name();

    /** Runs the command with all the CLI's arguments (the name first); returns the exit code. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
