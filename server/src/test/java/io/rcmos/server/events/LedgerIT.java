package io.rcmos.server.events;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.platform.Ledger;
import io.rcmos.server.security.ApiTokens;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.SseClient;
import io.rcmos.server.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13: appends to the audit log and the outbox take no global lock, and the ledger's sequencer orders them after
 * commit. Concurrent appends still make one unbroken, verifiable chain and gap-free outbox positions; a rolled-back
 * transaction leaves neither an entry nor an event; and an event whose transaction commits after a newer one's is
 * still delivered to a reader that has already read past the newer one. A database of its own, so positions and the
 * chain are this test's alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerIT {

    private static final String OWN_DB = TestDatabases.freshDatabaseUrl();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        IntegrationTest.engines(registry, OWN_DB);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    Events events;

    @Autowired
    EventHub hub;

    @Autowired
    OutboxReader outbox;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    private String bearer(Role role) {
        return "Bearer " + tokens.issue("ledger-it", role, "test").token();
    }

    private JsonNode verify() {
        Http.Response r = new Http("http://127.0.0.1:" + port, bearer(Role.ADMIN)).get("/audit/verify");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    /** Every row ordered, the chain verifies over all of them, and positions are 1..n without a gap or a repeat. */
    private void assertLedgerWhole() {
        ledger.flush();
        assertThat(jdbc.sql("select count(*) from audit_log where seq is null").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from outbox_events where position is null").query(Long.class).single()).isZero();
        long entries = jdbc.sql("select count(*) from audit_log").query(Long.class).single();
        JsonNode v = verify();
        assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("entries_checked").asLong()).isEqualTo(entries);
        assertThat(jdbc.sql("select seq from audit_log order by seq").query(Long.class).list())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, entries).boxed().toList());
        List<Long> positions = jdbc.sql("select position from outbox_events order by position").query(Long.class).list();
        assertThat(positions).containsExactlyElementsOf(LongStream.rangeClosed(1, positions.size()).boxed().toList());
    }

    @Test
    void concurrentAppendsMakeOneUnbrokenChainAndGapFreePositions() throws Exception {
        int threads = 8;
        int perThread = 40;
        UUID run = UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    tx.executeWithoutResult(s -> {
                        audit.append(Actor.bot("ledger-it"), "ledger.concurrent", "thread", Integer.toString(thread), run, Map.of("i", n));
                        events.append("ledger.concurrent.first", run, null, Map.of("thread", thread, "i", n));
                        events.append("ledger.concurrent.second", run, null, Map.of("thread", thread, "i", n));
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertLedgerWhole();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'ledger.concurrent'").query(Long.class).single())
                .isEqualTo(threads * perThread);
        assertThat(jdbc.sql("select count(*) from outbox_events where run_id = ?").param(run).query(Long.class).single())
                .isEqualTo(2L * threads * perThread);
        // within one transaction the order of appends is kept: each first event is positioned before its second
        List<Event> read = new ArrayList<>();
        List<Event> page;
        long after = 0;
        do {
            page = outbox.after(after, EventFilter.of(run, null, null), 100);
            read.addAll(page);
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        } while (!page.isEmpty());
        assertThat(read).hasSize(2 * threads * perThread);
        Map<String, Long> firstAt = new java.util.HashMap<>();
        for (Event e : read) {
            String key = e.payload().get("thread") + "/" + e.payload().get("i");
            if (e.type().equals("ledger.concurrent.first")) {
                firstAt.put(key, e.id());
            } else {
                assertThat(firstAt).as("the first event of " + key + " comes before its second").containsKey(key);
            }
        }
    }

    @Test
    void aRolledBackTransactionLeavesNeitherAnEntryNorAnEvent() {
        String marker = "rolled-back-" + UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            audit.append(Actor.bot("ledger-it"), "ledger.rolledback", "thing", marker, null, Map.of());
            events.append("ledger.rolledback", null, null, Map.of("marker", marker));
            s.setRollbackOnly();
        });
        try {
            tx.executeWithoutResult(s -> {
                audit.append(Actor.bot("ledger-it"), "ledger.rolledback", "thing", marker, null, Map.of());
                events.append("ledger.rolledback", null, null, Map.of("marker", marker));
                throw new IllegalStateException("the business change failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        String kept = "kept-" + UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            audit.append(Actor.bot("ledger-it"), "ledger.kept", "thing", kept, null, Map.of());
            events.append("ledger.kept", null, null, Map.of("marker", kept));
        });

        assertLedgerWhole();
        assertThat(jdbc.sql("select count(*) from audit_log where target_id = ?").param(marker).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from outbox_events where payload->>'marker' = ?").param(marker).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where target_id = ? and seq is not null").param(kept).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox_events where payload->>'marker' = ? and position is not null").param(kept)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anEventCommittedAfterANewerOneReachesAReaderThatReadPastTheNewerOne() throws Exception {
        UUID run = UUID.randomUUID();
        EventFilter filter = EventFilter.of(run, null, null);
        List<Event> live = new CopyOnWriteArrayList<>();
        CountDownLatch olderAppended = new CountDownLatch(1);
        CountDownLatch commitOlder = new CountDownLatch(1);
        try (EventHub.Subscription subscription = hub.subscribe(filter, live::add, 0, false, () -> { });
             SseClient sse = new SseClient("http://127.0.0.1:" + port + "/events?run_id=" + run, bearer(Role.VIEWER), null)) {
            assertThat(sse.status()).isEqualTo(200);
            // the older transaction appends first and stays open
            CompletableFuture<Void> older = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
                events.append("ledger.older", run, null, Map.of());
                audit.append(Actor.bot("ledger-it"), "ledger.older", "run", run.toString(), run, Map.of());
                olderAppended.countDown();
                try {
                    assertThat(commitOlder.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(olderAppended.await(30, TimeUnit.SECONDS)).isTrue();

            // the newer one appends and commits meanwhile: no lock makes it wait for the older one
            CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
                events.append("ledger.newer", run, null, Map.of());
                audit.append(Actor.bot("ledger-it"), "ledger.newer", "run", run.toString(), run, Map.of());
            })).get(10, TimeUnit.SECONDS);

            // readers see the newer event and read past it
            SseClient.Message newerOnSse = sse.take(1, Duration.ofSeconds(10)).get(0);
            assertThat(newerOnSse.event()).isEqualTo("ledger.newer");
            await().atMost(Duration.ofSeconds(10)).until(() -> !live.isEmpty());
            assertThat(live).extracting(Event::type).containsExactly("ledger.newer");
            long newer = live.get(0).id();
            assertThat(newerOnSse.id()).isEqualTo(newer);
            assertThat(outbox.after(0, filter, 10)).extracting(Event::type).containsExactly("ledger.newer");

            // the older transaction commits last: its event comes after, not behind, what the readers have read
            commitOlder.countDown();
            older.get(30, TimeUnit.SECONDS);
            SseClient.Message olderOnSse = sse.take(1, Duration.ofSeconds(10)).get(0);
            assertThat(olderOnSse.event()).isEqualTo("ledger.older");
            assertThat(olderOnSse.id()).isGreaterThan(newer);
            await().atMost(Duration.ofSeconds(10)).until(() -> live.size() == 2);
            assertThat(live).extracting(Event::type).containsExactly("ledger.newer", "ledger.older");
            assertThat(outbox.after(newer, filter, 10)).extracting(Event::type).containsExactly("ledger.older");
        }
        // a client resuming from the newer event's id gets the older one
        try (SseClient resumed = new SseClient("http://127.0.0.1:" + port + "/events?run_id=" + run, bearer(Role.VIEWER),
                Long.toString(jdbc.sql("select position from outbox_events where run_id = ? and type = 'ledger.newer'").param(run)
                        .query(Long.class).single()))) {
            assertThat(resumed.take(1, Duration.ofSeconds(10)).get(0).event()).isEqualTo("ledger.older");
        }
        // the audit chain took them in commit order too, and verifies
        assertLedgerWhole();
        assertThat(jdbc.sql("select action from audit_log where run_id = ? order by seq").param(run).query(String.class).list())
                .containsExactly("ledger.newer", "ledger.older");
    }
}
