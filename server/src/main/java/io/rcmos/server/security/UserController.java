package io.rcmos.server.security;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.platform.web.InvalidParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Staff accounts (admins only): {@code GET/POST /users}, {@code GET/PATCH /users/{id}} (role, display name,
 * disabled), {@code POST /users/{id}/password-reset} (a password the person must change at their next sign-in).
 * Disabling someone, changing their role or resetting their password ends their sessions at once. Every change is
 * audited with the fields it touched — never a password. The last active admin cannot be demoted or disabled.
 */
@RestController
class UserController {

    private static final String USERNAME = "^[a-z0-9][a-z0-9._-]{1,63}$";

    private final StaffAccounts accounts;
    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final SessionControl sessions;
    private final SignInGuard guard;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    UserController(StaffAccounts accounts, PasswordPolicy policy, PasswordEncoder encoder, SessionControl sessions,
                   SignInGuard guard, AuditLog audit, TransactionTemplate tx) {
        this.accounts = accounts;
        this.policy = policy;
        this.encoder = encoder;
        this.sessions = sessions;
        this.guard = guard;
        this.audit = audit;
        this.tx = tx;
    }

    /** A staff account as the API shows it: no hash, ever. */
    record User(UUID userId, String username, String displayName, String role, boolean disabled, boolean mustChangePassword,
                Instant lockedUntil, Instant lastSignInAt, Instant createdAt, Instant updatedAt) {

        static User of(StaffAccounts.Account a) {
            return new User(a.userId(), a.username(), a.displayName(), a.role().wire(), a.disabled(), a.mustChangePassword(),
                    a.lockedUntil(), a.lastSignInAt(), a.createdAt(), a.updatedAt());
        }
    }

    @GetMapping("/users")
    Map<String, List<User>> list() {
        return Map.of("items", accounts.list().stream().map(User::of).toList());
    }

    @GetMapping("/users/{id}")
    User get(@PathVariable("id") String id) {
        return User.of(accounts.find(InvalidParameter.uuid("id", id)).orElseThrow(UserNotFound::new));
    }

    @PostMapping(path = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<User> create(@RequestBody JsonNode body) {
        Fields f = Fields.of(body, Set.of("username", "display_name", "role", "password", "must_change_password"));
        List<FieldProblem> problems = new ArrayList<>();
        String username = f.text("username", problems);
        if (username != null && !username.matches(USERNAME)) {
            problems.add(FieldProblem.of("username", "must be 2–64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit"));
        }
        String displayName = displayName(f.text("display_name", problems), problems);
        Role role = role(f.text("role", problems), problems);
        String password = f.text("password", problems);
        if (password != null) {
            policy.problem(password, username).ifPresent(p -> problems.add(FieldProblem.of("password", p)));
        }
        Boolean mustChange = f.bool("must_change_password", problems);
        f.requireAll(problems, "username", "display_name", "role", "password");
        if (!problems.isEmpty()) {
            throw new RequestInvalid("user is invalid", problems);
        }
        String hash = encoder.encode(password);
        Actor actor = CurrentActor.get();
        UUID id = UUID.randomUUID();
        boolean created = Boolean.TRUE.equals(tx.execute(s -> {
            if (!accounts.create(id, username, displayName, role, hash, Boolean.TRUE.equals(mustChange))) {
                return false;
            }
            audit.append(actor, "user.created", "user", username, null,
                    Map.of("role", role.wire(), "must_change_password", Boolean.TRUE.equals(mustChange)));
            return true;
        }));
        if (!created) {
            throw new UsernameTaken();
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(User.of(accounts.find(id).orElseThrow()));
    }

    @PatchMapping(path = "/users/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    User update(@PathVariable("id") String id, @RequestBody JsonNode body) {
        UUID userId = InvalidParameter.uuid("id", id);
        Fields f = Fields.of(body, Set.of("display_name", "role", "disabled"));
        List<FieldProblem> problems = new ArrayList<>();
        String displayName = f.has("display_name") ? displayName(f.text("display_name", problems), problems) : null;
        Role role = f.has("role") ? role(f.text("role", problems), problems) : null;
        Boolean disabled = f.bool("disabled", problems);
        if (problems.isEmpty() && displayName == null && role == null && disabled == null) {
            problems.add(FieldProblem.of("(body)", "names nothing to change: display_name, role or disabled"));
        }
        if (!problems.isEmpty()) {
            throw new RequestInvalid("user change is invalid", problems);
        }
        Actor actor = CurrentActor.get();
        StaffAccounts.Account before = accounts.find(userId).orElseThrow(UserNotFound::new);
        boolean demotes = role != null && before.role() == Role.ADMIN && role != Role.ADMIN;
        boolean disables = Boolean.TRUE.equals(disabled) && !before.disabled();
        if ((demotes || disables) && before.role() == Role.ADMIN && !before.disabled() && accounts.otherActiveAdmins(userId) == 0) {
            throw new LastAdmin();
        }
        if (disables && before.username().equals(actor.person())) {
            throw new RequestInvalid("user change is invalid", List.of(FieldProblem.of("disabled", "you cannot disable your own account")));
        }
        boolean endSessions = disables || (role != null && role != before.role());
        tx.executeWithoutResult(s -> {
            accounts.update(userId, displayName, role, disabled);
            Map<String, Object> details = new LinkedHashMap<>();
            List<String> changed = new ArrayList<>();
            if (displayName != null && !displayName.equals(before.displayName())) {
                changed.add("display_name");
            }
            if (role != null && role != before.role()) {
                changed.add("role");
                details.put("role", role.wire());
            }
            if (disabled != null && disabled != before.disabled()) {
                changed.add("disabled");
                details.put("disabled", disabled);
            }
            details.put("changed", changed);
            audit.append(actor, "user.updated", "user", before.username(), null, details);
        });
        if (endSessions) {
            int ended = sessions.endSessions(before.username());
            tx.executeWithoutResult(s -> audit.append(actor, "user.sessions_ended", "user", before.username(), null, Map.of("sessions", ended)));
        }
        return User.of(accounts.find(userId).orElseThrow());
    }

    @PostMapping(path = "/users/{id}/password-reset", consumes = MediaType.APPLICATION_JSON_VALUE)
    User resetPassword(@PathVariable("id") String id, @RequestBody JsonNode body) {
        UUID userId = InvalidParameter.uuid("id", id);
        Fields f = Fields.of(body, Set.of("password"));
        List<FieldProblem> problems = new ArrayList<>();
        String password = f.text("password", problems);
        f.requireAll(problems, "password");
        StaffAccounts.Account account = accounts.find(userId).orElseThrow(UserNotFound::new);
        if (password != null) {
            policy.problem(password, account.username()).ifPresent(p -> problems.add(FieldProblem.of("password", p)));
        }
        if (!problems.isEmpty()) {
            throw new RequestInvalid("password reset is invalid", problems);
        }
        String hash = encoder.encode(password);
        Actor actor = CurrentActor.get();
        tx.executeWithoutResult(s -> {
            accounts.setPassword(account.username(), hash, true);
            guard.unlock(guard.accountKey(account.username(), account.userId()));
            audit.append(actor, "user.password_reset", "user", account.username(), null, Map.of("must_change_password", true));
        });
        int ended = sessions.endSessions(account.username());
        tx.executeWithoutResult(s -> audit.append(actor, "user.sessions_ended", "user", account.username(), null, Map.of("sessions", ended)));
        return User.of(accounts.find(userId).orElseThrow());
    }

    private static String displayName(String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 100 || v.codePoints().anyMatch(Character::isISOControl)) {
            problems.add(FieldProblem.of("display_name", "must be 1–100 characters without control characters"));
            return null;
        }
        return v;
    }

    private static Role role(String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(Role.values()).filter(r -> r.wire().equals(value)).findFirst().orElseGet(() -> {
            problems.add(FieldProblem.of("role", "must be one of admin, operator, reviewer, viewer"));
            return null;
        });
    }

    /** The JSON object of a request, read field by field so every problem is named at once. */
    private record Fields(JsonNode body) {

        static Fields of(JsonNode body, Set<String> allowed) {
            if (body == null || !body.isObject()) {
                throw new RequestInvalid("request is invalid", List.of(FieldProblem.of("(body)", "must be a JSON object")));
            }
            List<FieldProblem> unknown = new ArrayList<>();
            body.propertyNames().forEach(name -> {
                if (!allowed.contains(name)) {
                    unknown.add(FieldProblem.of(name, "is not a field here (expected " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
                }
            });
            if (!unknown.isEmpty()) {
                throw new RequestInvalid("request is invalid", unknown);
            }
            return new Fields(body);
        }

        boolean has(String name) {
            return body.has(name) && !body.get(name).isNull();
        }

        String text(String name, List<FieldProblem> problems) {
            if (!has(name)) {
                return null;
            }
            JsonNode v = body.get(name);
            if (!v.isString()) {
                problems.add(FieldProblem.of(name, "must be a string"));
                return null;
            }
            return v.asString();
        }

        Boolean bool(String name, List<FieldProblem> problems) {
            if (!has(name)) {
                return null;
            }
            JsonNode v = body.get(name);
            if (!v.isBoolean()) {
                problems.add(FieldProblem.of(name, "must be true or false"));
                return null;
            }
            return v.asBoolean();
        }

        void requireAll(List<FieldProblem> problems, String... names) {
            for (String name : names) {
                if (!has(name) && problems.stream().noneMatch(p -> p.field().equals(name))) {
                    problems.add(FieldProblem.of(name, "is required"));
                }
            }
        }
    }


    static final class UserNotFound extends ApiProblem {
        UserNotFound() {
            super(HttpStatus.NOT_FOUND, "user_not_found", "no such user");
        }
    }

    static final class UsernameTaken extends ApiProblem {
        UsernameTaken() {
            super(HttpStatus.CONFLICT, "username_taken", "a user with this username exists");
        }
    }

    static final class LastAdmin extends ApiProblem {
        LastAdmin() {
            super(HttpStatus.CONFLICT, "last_admin", "this is the last active admin: make someone else admin first");
        }
    }
}
