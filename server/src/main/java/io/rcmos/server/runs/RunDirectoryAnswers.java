package io.rcmos.server.runs;

import io.rcmos.server.artifacts.RunDirectory;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** The runs module's answers to the artifacts module: whether a run exists. */
@Component
class RunDirectoryAnswers implements RunDirectory {

    private final RunStore store;

    RunDirectoryAnswers(RunStore store) {
        this.store = store;
    }

    @Override
    public boolean exists(UUID runId) {
        return store.exists(runId);
    }
}
