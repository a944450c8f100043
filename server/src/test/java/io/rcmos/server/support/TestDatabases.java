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
 * Gives each Spring test context a fresh database on the machine's PostgreSQL (and, once per JVM, drops the test
 * databases of earlier runs that nobody uses and that were created over three hours ago). Falls back to the embedded
 * engine (blank URL) when PostgreSQL is absent and services are not required.
 */
public final class TestDatabases {

    private static boolean cleaned;

    private TestDatabases() {
    }

    /** A JDBC URL of a new, empty database, or "" to let the application start embedded PostgreSQL. */
    public static String freshDatabaseUrl() {
        if (!Services.postgresUp()) {
            if (Services.required()) {
                throw new IllegalStateException("PostgreSQL is required (RCM_REQUIRE_SERVICES=1) but not reachable at "
                        + Services.PG_HOST + ":" + Services.PG_PORT);
            }
            return "";
        }
        String name = "rcm_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String admin = "jdbc:postgresql://" + Services.PG_HOST + ":" + Services.PG_PORT + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
             Statement s = c.createStatement()) {
            dropLeftovers(s);
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + admin, e);
        }
        return "jdbc:postgresql://" + Services.PG_HOST + ":" + Services.PG_PORT + "/" + name + "?user=postgres";
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
