package io.rcmos.server.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** SQL run with the database's triggers switched off, as someone with direct superuser access to PostgreSQL can. */
public final class Tamper {

    private Tamper() {
    }

    public static void sql(DataSource dataSource, String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            try {
                for (String q : statements) {
                    s.execute(q);
                }
            } finally {
                s.execute("set session_replication_role = origin");
            }
        }
    }
}
