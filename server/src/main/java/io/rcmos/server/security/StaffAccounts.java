package io.rcmos.server.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code users} table: staff accounts. Password hashes never leave this class except to the encoder. */
@Component
class StaffAccounts {

    private static final String COLUMNS = """
            user_id, username, display_name, role, enabled, must_change_password, last_sign_in_at, created_at, updated_at,
            (select l.locked_until from sign_in_locks l where l.account_key = 'user:' || users.user_id and l.locked_until > now()) as locked_until""";

    private final JdbcClient jdbc;

    StaffAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A staff account as the API shows it. */
    record Account(UUID userId, String username, String displayName, Role role, boolean disabled, boolean mustChangePassword,
                   Instant lockedUntil, Instant lastSignInAt, Instant createdAt, Instant updatedAt) {

        StaffPrincipal principal() {
            return new StaffPrincipal(userId, username, displayName, role, mustChangePassword);
        }
    }

    /** What a sign-in needs: the account and its hash. */
    record Credentials(Account account, String passwordHash) {
    }

    List<Account> list() {
        return jdbc.sql("select " + COLUMNS + " from users order by username").query((rs, n) -> account(rs)).list();
    }

    Optional<Account> find(UUID userId) {
        return jdbc.sql("select " + COLUMNS + " from users where user_id = ?").param(userId).query((rs, n) -> account(rs)).optional();
    }

    Optional<Account> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = ?").param(username).query((rs, n) -> account(rs)).optional();
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("select " + COLUMNS + ", password_hash from users where username = ?").param(username)
                .query((rs, n) -> new Credentials(account(rs), rs.getString("password_hash"))).optional();
    }

    /** False when the username is taken. */
    boolean create(UUID userId, String username, String displayName, Role role, String passwordHash, boolean mustChange) {
        return jdbc.sql("""
                        insert into users (user_id, username, display_name, role, password_hash, must_change_password, password_changed_at)
                        values (?, ?, ?, ?, ?, ?, now()) on conflict (username) do nothing""")
                .params(userId, username, displayName, role.wire(), passwordHash, mustChange).update() == 1;
    }

    void update(UUID userId, String displayName, Role role, Boolean disabled) {
        jdbc.sql("""
                        update users set display_name = coalesce(?, display_name), role = coalesce(?, role),
                               enabled = coalesce(not ?::boolean, enabled), updated_at = now()
                        where user_id = ?""")
                .params(displayName, role == null ? null : role.wire(), disabled, userId).update();
    }

    void setPassword(String username, String passwordHash, boolean mustChange) {
        jdbc.sql("""
                        update users set password_hash = ?, must_change_password = ?, password_changed_at = now(), updated_at = now()
                        where username = ?""")
                .params(passwordHash, mustChange, username).update();
    }

    void signedIn(String username) {
        jdbc.sql("update users set last_sign_in_at = now() where username = ?").param(username).update();
    }

    /** Active admins other than {@code userId}: the last admin may not be demoted or disabled. */
    int otherActiveAdmins(UUID userId) {
        return jdbc.sql("select count(*) from users where role = 'admin' and enabled and user_id <> ?").param(userId)
                .query(Integer.class).single();
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getObject("user_id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                Role.fromWire(rs.getString("role")), !rs.getBoolean("enabled"), rs.getBoolean("must_change_password"),
                instant(rs.getTimestamp("locked_until")), instant(rs.getTimestamp("last_sign_in_at")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
