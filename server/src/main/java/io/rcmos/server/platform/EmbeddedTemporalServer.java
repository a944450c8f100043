package io.rcmos.server.platform;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.TestServicesStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.LinkedList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * Temporal's in-process server (the SDK's test server, on real time) behind a gRPC port on 127.0.0.1 — what
 * {@code ./rcm up} runs when no {@code TEMPORAL_ADDRESS} is set, and what the no-op benchmark measures.
 *
 * <p>One repair on the way in: the server's timer keeps a list of every lock and unlock of time skipping "for
 * debugging purposes only", of which only some entries are ever removed, and each unlock scans the list from its
 * head. It grows with every workflow task and activity the server has seen, so the server slows down the longer it
 * runs (measured: 25 % of the server process's CPU after a few thousand runs). The list is replaced by one that keeps
 * nothing; only the server's diagnostics dump read it. Where the field is not found (another SDK version) the server
 * runs as shipped and a warning says so.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

    private final TestServicesStarter services;
    private final Server server;

    private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
    }

    /** Starts a server on 127.0.0.1 at a free port, on real time (time never skips ahead). */
    public static EmbeddedTemporalServer start() throws IOException {
        // lockTimeSkipping=true: the server runs on real time, like a cluster
        TestServicesStarter services = new TestServicesStarter(true, 0);
        boolean repaired = forgetTimerLockEvents(services);
        if (!repaired) {
            log.warn("embedded Temporal: the timer's lock-event list was not found; it will grow with use");
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        services.getServices().forEach(builder::addService);
        try {
            return new EmbeddedTemporalServer(services, builder.build().start());
        } catch (IOException | RuntimeException e) {
            services.close();
            throw e;
        }
    }

    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Replaces the timer's debugging list of lock events by one that keeps nothing; false when it cannot. */
    static boolean forgetTimerLockEvents(TestServicesStarter services) {
        try {
            Field timerField = TestServicesStarter.class.getDeclaredField("selfAdvancingTimer");
            timerField.setAccessible(true);
            Object timer = timerField.get(services);
            Field events = timer.getClass().getDeclaredField("lockEvents");
            events.setAccessible(true);
            if (!LinkedList.class.equals(events.getType())) {
                return false;
            }
            Field lockField = timer.getClass().getDeclaredField("lock");
            lockField.setAccessible(true);
            Lock lock = (Lock) lockField.get(timer);
            lock.lock(); // the timer reads the list under its own lock
            try {
                events.set(timer, new KeepsNothing());
            } finally {
                lock.unlock();
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Accepts every add and remove and holds nothing: an unlock no longer scans a list of the server's whole past. */
    static final class KeepsNothing extends LinkedList<Object> {
        @Override
        public boolean add(Object event) {
            return true;
        }

        @Override
        public boolean remove(Object event) {
            return true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
        services.close();
    }
}
