package io.rcmos.server.runs;

import io.rcmos.server.platform.web.JsonPaths;
import io.rcmos.server.channels.Purpose;
import io.rcmos.server.inbox.AnswerInvalid;
import io.rcmos.server.inbox.RunHooks;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;
import io.temporal.client.WorkflowNotFoundException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The runs side of the inbox: answers that carry data are checked against the run before a task is resolved (a
 * corrected input passes the same checks as {@code POST /runs}; a looked-up result must be a result of the run's
 * purpose), and a resolved task wakes the run's workflow. The inbox is given this bean by constructor (it depends on
 * nothing of the inbox but its {@link AnswerInvalid} problem), so there is no bean cycle between the modules.
 */
@Component
class RunInboxHooks implements RunHooks {

    private final RunStore store;
    private final RunStarter starter;
    private final RunRequestReader reader;
    private final JsonMapper json;

    RunInboxHooks(RunStore store, RunStarter starter, RunRequestReader reader, JsonMapper json) {
        this.store = store;
        this.starter = starter;
        this.reader = reader;
        this.json = json;
    }

    @Override
    public void check(UUID runId, String action, JsonNode value) {
        RunStore.RunRow run = store.row(runId).orElseThrow(() -> new AnswerInvalid(FieldProblem.of("run_id", "no such run")));
        switch (action) {
            case "accept" -> {
                if (run.output() == null || run.output().isNull()) {
                    throw new AnswerInvalid(FieldProblem.of("action", "accept needs a result to accept; this run has none (use answer, correct, retry or fail)"));
                }
            }
            case "correct" -> corrected(run, value);
            case "answer" -> result(run.purpose(), value);
            default -> {
            }
        }
    }

    @Override
    public void wake(UUID runId, UUID breakpointId) {
        try {
            starter.signalTask(runId, breakpointId);
        } catch (WorkflowNotFoundException e) {
            // finished, or being re-attached: the new workflow finds the task's state itself
        }
    }

    @Override
    public Map<UUID, RunContext> context(java.util.Collection<UUID> runIds) {
        Map<UUID, RunContext> out = new java.util.HashMap<>();
        store.subjects(runIds).forEach((id, s) -> out.put(id, new RunContext(s.status().wire(), s.memberHint(), s.nameInitials())));
        return out;
    }

    /** The run's input with the correction merged in (RFC 7386: objects merge, null removes), checked like a new run. */
    JsonNode corrected(RunStore.RunRow run, JsonNode patch) {
        JsonNode merged = merge(run.input().deepCopy(), patch);
        ObjectNode request = json.createObjectNode();
        request.put("purpose", run.purpose().wire());
        request.put("payer_id", run.payerId());
        request.put("route", run.requestedRoute());
        request.set("input", merged);
        try {
            return reader.read(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)).inputJson();
        } catch (ApiProblem e) {
            List<FieldProblem> problems = e.errors().stream()
                    .map(p -> FieldProblem.of("value" + p.field().replaceFirst("^input", ""), p.message())).toList();
            List<FieldProblem> all = problems.isEmpty() ? List.of(FieldProblem.of("value", e.getMessage())) : problems;
            throw new AnswerInvalid(FieldProblem.summary("the corrected input is invalid", all), all);
        }
    }

    /** A result a person looked up, typed for the run's purpose, with {@code source: human}. */
    Object result(Purpose purpose, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new AnswerInvalid(FieldProblem.of("value", "must be a result object"));
        }
        ObjectNode result = ((ObjectNode) value.deepCopy()).put("source", "human");
        // every problem of the result at once, named under value (value.coverage_status, value.claims[0].status…)
        List<FieldProblem> problems = new ArrayList<>();
        reader.resultProblems(purpose, result).forEach(p -> problems.add(FieldProblem.of(
                "(body)".equals(p.field()) ? "value" : "value." + p.field(), p.message())));
        if (purpose == Purpose.ELIGIBILITY) {
            if (!result.hasNonNull("coverage_status") && problems.stream().noneMatch(p -> p.field().equals("value.coverage_status"))) {
                problems.add(FieldProblem.of("value.coverage_status", "is required (active, inactive, not_found, error, unknown)"));
            }
        } else if ((!result.path("claims").isArray() || result.path("claims").isEmpty())
                && problems.stream().noneMatch(p -> p.field().equals("value.claims"))) {
            problems.add(FieldProblem.of("value.claims", "must list at least one claim"));
        }
        if (!problems.isEmpty()) {
            throw AnswerInvalid.of(problems);
        }
        try {
            return purpose == Purpose.ELIGIBILITY ? json.treeToValue(result, EligibilityResult.class)
                    : json.treeToValue(result, ClaimStatusResult.class);
        } catch (JacksonException e) {
            // not expected after the schema: name only where the problem is, never the value or a Java type
            String path = e instanceof tools.jackson.databind.DatabindException d ? JsonPaths.of(d.getPath()) : "";
            throw new AnswerInvalid(FieldProblem.of(path.isEmpty() || "(body)".equals(path) ? "value" : "value." + path,
                    "is not part of a " + purpose.wire() + " result, or has the wrong type"));
        }
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject() || target == null || !target.isObject()) {
            return patch;
        }
        ObjectNode out = (ObjectNode) target;
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                out.remove(field.getKey());
            } else {
                out.set(field.getKey(), merge(out.get(field.getKey()), field.getValue()));
            }
        }
        return out;
    }

    /** The dotted names of the fields a correction touches (names only: values are PHI). */
    static List<String> fields(JsonNode patch) {
        List<String> out = new ArrayList<>();
        collect("", patch, out);
        return out;
    }

    private static void collect(String prefix, JsonNode node, List<String> out) {
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else {
            out.add(prefix);
        }
    }
}
