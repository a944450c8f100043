package io.rcmos.agent.run;

import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import io.rcmos.agent.flow.FlowCommand;
import io.rcmos.agent.flow.FlowValidation;
import io.rcmos.agent.flow.FlowValidator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code flow replay FLOW --har HAR} (or {@code --dom DIR}, the run's DOM snapshots of page loads): runs a flow
 * offline against a recorded run's served (masked) evidence in headless Chromium and prints the outputs as JSON — the regression check for a flow edit. Exit 0 when the flow completes,
 * 1 when it fails (the step and reason are printed), 2 on usage, read or validation errors.
 */
public final class ReplayCommand implements FlowCommand {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** For {@link java.util.ServiceLoader} (the flow CLI finds this command through {@link FlowCommand}). */
    public ReplayCommand() {
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 4 || !(args.get(2).equals("--har") || args.get(2).equals("--dom"))) {
            err.println("usage: flow replay FLOW.yaml --har RUN.har   |   flow replay FLOW.yaml --dom DIR_OF_DOM_SNAPSHOTS");
            return 2;
        }
        FlowValidation validation;
        byte[] har = null;
        List<String> pages = null;
        try {
            validation = FlowValidator.validate(Path.of(args.get(1)));
            if (args.get(2).equals("--har")) {
                har = Files.readAllBytes(Path.of(args.get(3)));
            } else {
                // the run's DOM snapshots of page loads (…-navigate, …-click), in the order their names sort
                try (var files = Files.list(Path.of(args.get(3)))) {
                    pages = new java.util.ArrayList<>();
                    for (Path f : files.filter(f -> f.getFileName().toString().matches(".*-(navigate|click)\\.html?")).sorted().toList()) {
                        pages.add(Files.readString(f));
                    }
                }
            }
        } catch (IOException e) {
            err.println("cannot read " + (e.getMessage() == null ? "input" : e.getMessage()));
            return 2;
        }
        if (validation.flow().isEmpty()) {
            validation.errors().forEach(p -> err.println(p.format()));
            return 2;
        }
        try (BrowserWorkers workers = new BrowserWorkers(BrowserSettings.local(1)); FlowExecutor executor = new FlowExecutor(workers)) {
            FlowOutcome outcome = har != null ? executor.replay(validation.flow().get(), har)
                    : executor.replayFromDom(validation.flow().get(), "http://127.0.0.1:9", pages);
            if (outcome instanceof FlowOutcome.Completed c) {
                out.println(JSON.writeValueAsString(c.outputs()));
                return 0;
            }
            if (outcome instanceof FlowOutcome.Failed f) {
                err.println("replay failed at " + f.stepPath() + ": " + f.code() + ": " + f.message());
            }
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
