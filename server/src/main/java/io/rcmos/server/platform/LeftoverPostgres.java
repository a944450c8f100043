package io.rcmos.server.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL left running in this instance's embedded data directory by a process that died without stopping it
 * (kill -9, power loss): the postmaster runs in its own session, so it outlives the JVM that started it, holds
 * {@code postmaster.pid} and makes the next start fail. Before the embedded server starts, {@link #stopIfOrphaned}
 * stops it — only when all of these hold:
 * <ul>
 *   <li>{@code postmaster.pid} in the data directory names a live process whose command is {@code postgres} started
 *       with {@code -D} this very directory (a recycled pid of another program is left alone);</li>
 *   <li>no live JVM holds the embedded server's lock on the directory ({@code epg-lock}, held for as long as the
 *       JVM that started the postmaster lives): a second instance on the same {@code RCM_HOME} is refused, not
 *       given the first one's database.</li>
 * </ul>
 * It is stopped with {@code pg_ctl stop -m fast} (the binaries beside the running {@code postgres}), falling back
 * to SIGTERM, then SIGKILL. A stale {@code postmaster.pid} of a dead process is left to PostgreSQL, which ignores it.
 */
final class LeftoverPostgres {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);

    /** The embedded server's own lock file in the data directory (io.zonky.test.db.postgres.embedded). */
    static final String EMBEDDED_LOCK = "epg-lock";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LeftoverPostgres() {
    }

    /** What {@link #stopIfOrphaned} found and did. */
    enum Outcome { NONE, STALE_PID_FILE, STOPPED, IN_USE }

    static Outcome stopIfOrphaned(Path dataDir) {
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        if (postmaster.isEmpty()) {
            return Files.exists(dataDir.resolve("postmaster.pid")) ? Outcome.STALE_PID_FILE : Outcome.NONE;
        }
        if (heldByLiveJvm(dataDir)) {
            return Outcome.IN_USE;
        }
        ProcessHandle pg = postmaster.get();
        log.info("stopping the embedded PostgreSQL left running by a previous instance pid={}", pg.pid());
        if (!pgCtlStop(pg, dataDir) && pg.isAlive()) {
            pg.destroy(); // SIGTERM: smart shutdown; its clients died with the previous JVM
            if (!awaitExit(pg, STOP_TIMEOUT)) {
                pg.descendants().forEach(ProcessHandle::destroyForcibly);
                pg.destroyForcibly();
                awaitExit(pg, STOP_TIMEOUT);
            }
        }
        if (pg.isAlive()) {
            throw new IllegalStateException("the embedded PostgreSQL left running in " + dataDir + " (pid " + pg.pid()
                    + ") did not stop");
        }
        return Outcome.STOPPED;
    }

    /** The live postmaster named by the data directory's {@code postmaster.pid}, if it is one serving this directory. */
    static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> servesDirectory(p, dataDir));
    }

    /** A {@code postgres} process started with {@code -D dataDir} (its command line as the kernel reports it). */
    private static boolean servesDirectory(ProcessHandle p, Path dataDir) {
        ProcessHandle.Info info = p.info();
        String command = info.command().orElse("");
        if (!command.endsWith("/postgres") && !command.equals("postgres")) {
            return false;
        }
        String[] args = info.arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if ("-D".equals(args[i]) && sameDirectory(Path.of(args[i + 1]), dataDir)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** True when another live process holds the embedded server's lock on this data directory. */
    static boolean heldByLiveJvm(Path dataDir) {
        Path lockFile = dataDir.resolve(EMBEDDED_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(lockFile.toFile(), "rw"); FileChannel channel = raf.getChannel()) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM holds it
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean pgCtlStop(ProcessHandle pg, Path dataDir) {
        Optional<Path> pgCtl = pg.info().command().map(Path::of).map(c -> c.resolveSibling("pg_ctl")).filter(Files::isExecutable);
        if (pgCtl.isEmpty()) {
            return false;
        }
        try {
            Process stop = new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", dataDir.toString(), "-m", "fast", "-w",
                    "-t", Long.toString(STOP_TIMEOUT.toSeconds()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!stop.waitFor(STOP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
                return false;
            }
            return stop.exitValue() == 0 && awaitExit(pg, STOP_TIMEOUT);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean awaitExit(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
