package io.rcmos.server.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is never stopped: only a live {@code postgres} serving this very data directory is; a pid file naming any
 * other process (a recycled pid) is left alone. The embedded server's lock tells a live instance from a dead one.
 * (Stopping a real leftover is exercised by {@code CrashRecoveryIT}.)
 */
class LeftoverPostgresTest {

    @Test
    void nothingToDoWithoutAPidFile(@TempDir Path dataDir) {
        assertThat(LeftoverPostgres.stopIfOrphaned(dataDir)).isEqualTo(LeftoverPostgres.Outcome.NONE);
    }

    @Test
    void aPidFileNamingAnotherProgramLeavesThatProgramAlone(@TempDir Path dataDir) throws Exception {
        long self = ProcessHandle.current().pid(); // alive, but a JVM, not a postgres of this directory
        Files.writeString(dataDir.resolve("postmaster.pid"), self + "\n" + dataDir + "\n1700000000\n5432\n");
        assertThat(LeftoverPostgres.postmaster(dataDir)).isEmpty();
        assertThat(LeftoverPostgres.stopIfOrphaned(dataDir)).isEqualTo(LeftoverPostgres.Outcome.STALE_PID_FILE);
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void aPidFileOfADeadProcessIsStale(@TempDir Path dataDir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dataDir.resolve("postmaster.pid"), gone.pid() + "\n" + dataDir + "\n");
        assertThat(LeftoverPostgres.stopIfOrphaned(dataDir)).isEqualTo(LeftoverPostgres.Outcome.STALE_PID_FILE);
    }

    @Test
    void theEmbeddedServersLockTellsALiveInstance(@TempDir Path dataDir) throws Exception {
        Path lock = dataDir.resolve(LeftoverPostgres.EMBEDDED_LOCK);
        Files.createFile(lock);
        assertThat(LeftoverPostgres.heldByLiveJvm(dataDir)).isFalse();
        try (RandomAccessFile raf = new RandomAccessFile(lock.toFile(), "rw"); FileLock held = raf.getChannel().lock()) {
            assertThat(held.isValid()).isTrue();
            assertThat(LeftoverPostgres.heldByLiveJvm(dataDir)).isTrue();
        }
        assertThat(LeftoverPostgres.heldByLiveJvm(dataDir)).isFalse();
    }
}
