package io.rcmos.server.clearinghouse.outbound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Allocates ISA13/GS06/ST02 control numbers per trading partner from PostgreSQL, so every replica draws from one
 * monotonic sequence and a number is never reused (X12 requires ISA13 to be unique per sender/receiver pair).
 */
@Component
class ControlNumberStore {

    /** One interchange's numbers: ISA13 (9 digits), GS06 and ST02. */
    record Allocated(long interchange, long group, long transactionSet) {
        String isa13() {
            return String.format("%09d", interchange);
        }
    }

    private final JdbcClient jdbc;

    ControlNumberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Allocated next(String tradingPartner) {
        return jdbc.sql("""
                        insert into control_numbers as c (trading_partner, isa, gs, st) values (?, 1, 1, 1)
                        on conflict (trading_partner) do update
                           set isa = c.isa % 999999999 + 1, gs = c.gs % 999999999 + 1, st = c.st % 999999999 + 1,
                               updated_at = now()
                        returning isa, gs, st""")
                .param(tradingPartner)
                .query((rs, n) -> new Allocated(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }
}
