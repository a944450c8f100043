package io.rcmos.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Gives each Spring test context a fresh database on the tests' PostgreSQL ({@link Services#postgres()}: the
 * machine's, or an embedded one when nothing answers on 127.0.0.1:5432), and, once per JVM, drops the test databases
 * of earlier runs that nobody uses and that were created over three hours ago.
 */
public final class TestDatabases {

    private static boolean cleaned;

    private TestDatabases() {
    }

    /** A JDBC URL of a new, empty database (user postgres, no password). */
    public static String freshDatabaseUrl() {
        Services.Postgres pg = Services.postgres();
        String name = "rcm_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String admin = "jdbc:postgresql://" + pg.where() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
             Statement s = c.createStatement()) {
            dropLeftovers(s);
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: cannot create a test database on " + admin
                    + (pg.embedded() ? " (the embedded PostgreSQL of this test JVM)" : ""), e);
        }
        return "jdbc:postgresql://" + pg.where() + "/" + name + "?user=postgres";
    }

    private static synchronized void dropLeftovers(Statement s) throws SQLException {
        if (cleaned) {
            return;
        }
        cleaned = true;
        List<String> stale = new ArrayList<>();
        // a database nobody is connected to may be another test JVM's that has not connected yet: only old ones go
        try (ResultSet rs = s.executeQuery("select datname from pg_database d where datname like 'rcm!_it!_%' escape '!' "
                + "and not exists (select 1 from pg_stat_activity a where a.datname = d.datname) "
                + "and (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification < now() - interval '3 hours'")) {
            while (rs.next()) {
                stale.add(rs.getString(1));
            }
        }
        for (String db : stale) {
            s.execute("drop database if exists " + db);
        }
    }
}
