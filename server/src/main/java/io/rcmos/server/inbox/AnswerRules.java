package io.rcmos.server.inbox;

import io.rcmos.server.platform.web.Suggest;
import io.rcmos.server.platform.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a person may answer to a task: the actions per task type, and the value each action takes (an MFA code's
 * shape, a CAPTCHA's text; answers that carry data about the run are checked by the runs module through
 * {@link RunHooks#check}).
 */
final class AnswerRules {

    private static final Pattern MFA_CODE = Pattern.compile("[A-Za-z0-9]{4,12}");
    private static final Pattern CAPTCHA = Pattern.compile("[\\p{Alnum} ]{1,64}");

    /** The actions a person may take per task type. */
    static final Map<String, Set<String>> ACTIONS = Map.of(
            "mfa", Set.of("submit", "fail"),
            "captcha", Set.of("submit", "fail"),
            "credentials", Set.of("retry", "fail"),
            "review", Set.of("accept", "correct", "answer", "retry", "fail"));

    private final JsonMapper json;
    private final RunHooks hooks;

    AnswerRules(JsonMapper json, RunHooks hooks) {
        this.json = json;
        this.hooks = hooks;
    }

    /** The actions of a task type, sorted (as the API lists them). */
    static List<String> actions(String type) {
        return List.copyOf(new TreeSet<>(ACTIONS.get(type)));
    }

    /** Validates the action and value for the task's type; returns the JSON text to seal, or null. */
    String check(InboxTask task, Inbox.Resolution r) {
        Set<String> allowed = ACTIONS.get(task.type());
        // the action and the note are checked together (one answer names both); the value is checked for a known action
        List<FieldProblem> problems = new ArrayList<>();
        boolean knownAction = r.action() != null && allowed.contains(r.action());
        if (!knownAction) {
            String near = r.action() == null ? null : Suggest.nearest(r.action(), allowed);
            problems.add(FieldProblem.of("action", "must be one of " + new TreeSet<>(allowed) + " for a " + task.type() + " task"
                    + (near == null ? "" : "; did you mean " + near + "?")));
        }
        if (r.note() != null && r.note().length() > 2000) {
            problems.add(FieldProblem.of("note", "must be at most 2000 characters"));
        }
        if (!knownAction) {
            throw AnswerInvalid.of(problems);
        }
        String sealed;
        try {
            sealed = checkValue(task, r);
        } catch (AnswerInvalid valueProblems) {
            if (problems.isEmpty()) {
                throw valueProblems;
            }
            List<FieldProblem> all = new ArrayList<>(valueProblems.errors());
            all.addAll(problems);
            throw AnswerInvalid.of(all);
        }
        if (!problems.isEmpty()) {
            throw AnswerInvalid.of(problems);
        }
        return sealed;
    }

    private String checkValue(InboxTask task, Inbox.Resolution r) {
        JsonNode value = r.value();
        boolean hasValue = value != null && !value.isNull();
        switch (task.type() + ":" + r.action()) {
            case "mfa:submit" -> {
                if (!hasValue || !value.isString() || !MFA_CODE.matcher(value.asString().trim()).matches()) {
                    throw new AnswerInvalid(FieldProblem.of("value", "must be the code: 4 to 12 letters or digits"));
                }
                return json.writeValueAsString(value.asString().trim());
            }
            case "captcha:submit" -> {
                if (!hasValue || !value.isString() || !CAPTCHA.matcher(value.asString().trim()).matches()) {
                    throw new AnswerInvalid(FieldProblem.of("value", "must be the text shown: 1 to 64 letters, digits or spaces"));
                }
                return json.writeValueAsString(value.asString().trim());
            }
            case "review:correct", "review:answer" -> {
                if (!hasValue || !value.isObject()) {
                    throw new AnswerInvalid(FieldProblem.of("value", "correct".equals(r.action())
                            ? "must be an object with the corrected input fields (e.g. {\"subscriber\": {\"member_id\": …}})"
                            : "must be the result looked up, as an object of the run's result schema"));
                }
                hooks.check(task.runId(), r.action(), value);
                return json.writeValueAsString(value);
            }
            case "review:accept" -> {
                hooks.check(task.runId(), r.action(), null);
                return null;
            }
            default -> {
                if (hasValue) {
                    throw new AnswerInvalid(FieldProblem.of("value", "must be left out for " + r.action()));
                }
                return null;
            }
        }
    }
}
