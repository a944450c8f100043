package io.rcmos.agent.run;

/**
 * What a flow run tells its caller while it works, and how the caller stops it: {@link #step} before every step (its
 * path, like {@code steps[3].then[0]}, never a value), so the caller can heartbeat with it; {@link #abandoned} is asked
 * before every step, and a run whose caller gave it up (its attempt timed out and was retried elsewhere) ends there
 * with a retryable {@code abandoned} failure instead of driving the portal on.
 */
public interface FlowProgress {

    /** Reports nothing, never abandoned. */
    FlowProgress NONE = new FlowProgress() {
        @Override
        public void step(String path) {
        }

        @Override
        public boolean abandoned() {
            return false;
        }
    };

    void step(String path);

    boolean abandoned();
}
