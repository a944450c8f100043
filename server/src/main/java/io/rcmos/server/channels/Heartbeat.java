package io.rcmos.server.channels;

/**
 * What a channel tells the run while an attempt works, and what it learns back. {@link #beat} records how far the
 * attempt got (a step path, never a value); the attempt's Temporal heartbeat carries it. {@link #abandoned} turns true
 * once Temporal has given the attempt up (timed out, a retry started elsewhere): the channel should stop at its next
 * step, since nothing it does any more can complete the run.
 */
public interface Heartbeat {

    /** For calls outside an activity (unit tests, tools): nothing recorded, never abandoned. */
    Heartbeat NONE = new Heartbeat() {
        @Override
        public void beat(String where) {
        }

        @Override
        public boolean abandoned() {
            return false;
        }
    };

    void beat(String where);

    boolean abandoned();
}
