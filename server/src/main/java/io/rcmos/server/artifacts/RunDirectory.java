package io.rcmos.server.artifacts;

import java.util.UUID;

/**
 * What the artifacts module needs to know about runs, answered by the runs module (which owns the runs table), so
 * this module neither reads that table nor depends on the runs module.
 */
public interface RunDirectory {

    /** Whether a run with this id exists. */
    boolean exists(UUID runId);
}
