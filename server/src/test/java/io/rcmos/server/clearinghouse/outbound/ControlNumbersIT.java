package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ControlNumbersIT extends IntegrationTest {

    @Autowired
    ControlNumberStore store;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eightThreadsTimesAThousandAllocationsAreUniqueAndGapless() throws Exception {
        String partner = "TP-" + UUID.randomUUID();
        ConcurrentLinkedQueue<ControlNumberStore.Allocated> seen = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 1000; i++) {
                    seen.add(store.next(partner));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        Set<Long> isa = new TreeSet<>();
        Set<Long> st = new TreeSet<>();
        seen.forEach(a -> {
            isa.add(a.interchange());
            st.add(a.transactionSet());
        });
        assertThat(isa).hasSize(8000);
        assertThat(st).hasSize(8000);
        assertThat(Collections.min(isa)).isEqualTo(1);
        assertThat(Collections.max(isa)).isEqualTo(8000);
    }

    @Test
    void rolledBackAllocationsLeaveTheOnlyGaps() {
        String partner = "TP-" + UUID.randomUUID();
        assertThat(store.next(partner).interchange()).isEqualTo(1);
        tx.executeWithoutResult(s -> {
            store.next(partner);
            s.setRollbackOnly();
        });
        // the rolled-back number is reused rather than skipped: the row update was undone
        assertThat(store.next(partner).interchange()).isEqualTo(2);
        assertThat(store.next(partner).isa13()).isEqualTo("000000003");
    }

    @Test
    void interchangeNumbersWrapAfterNineDigits() {
        String partner = "TP-" + UUID.randomUUID();
        store.next(partner);
        jdbc.sql("update control_numbers set isa = 999999999 where trading_partner = ?").param(partner).update();
        assertThat(store.next(partner).interchange()).isEqualTo(1);
    }
}
