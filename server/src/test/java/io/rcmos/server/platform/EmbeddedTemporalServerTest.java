package io.rcmos.server.platform;

import io.temporal.internal.testservice.TestServicesStarter;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedTemporalServerTest {

    /** Fails on an SDK upgrade that renames the field: then the repair must be looked at again (or dropped if fixed). */
    @Test
    void theTimersLockEventListKeepsNothingOnThisSdkVersion() throws Exception {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        try {
            assertThat(EmbeddedTemporalServer.forgetTimerLockEvents(services)).isTrue();
            Object list = lockEvents(services);
            assertThat(list).isInstanceOf(EmbeddedTemporalServer.KeepsNothing.class);
            // what the timer does on every lock and unlock: the list stays empty however long the server runs
            EmbeddedTemporalServer.KeepsNothing events = (EmbeddedTemporalServer.KeepsNothing) list;
            for (int i = 0; i < 1000; i++) {
                assertThat(events.add("lock " + i)).isTrue();
            }
            assertThat(events.remove("lock 1")).isTrue();
            assertThat(events).isEmpty();
        } finally {
            services.close();
        }
    }

    @Test
    void aStartedServerAnswersOnLoopback() throws Exception {
        try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start()) {
            assertThat(server.address()).startsWith("127.0.0.1:");
            assertThat(Integer.parseInt(server.address().substring("127.0.0.1:".length()))).isPositive();
        }
    }

    private static Object lockEvents(TestServicesStarter services) throws ReflectiveOperationException {
        Field timerField = TestServicesStarter.class.getDeclaredField("selfAdvancingTimer");
        timerField.setAccessible(true);
        Object timer = timerField.get(services);
        Field events = timer.getClass().getDeclaredField("lockEvents");
        events.setAccessible(true);
        return events.get(timer);
    }
}
