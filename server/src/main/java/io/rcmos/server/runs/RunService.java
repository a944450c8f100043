package io.rcmos.server.runs;

import io.rcmos.server.inbox.Inbox;
import io.rcmos.server.advice.ErrorAdvice;
import io.rcmos.server.audit.Actor;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.platform.web.InvalidParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The runs module's facade: submit a run (idempotently), read runs, pass a person's input to a waiting run. */
@Service
public class RunService {

    private final RunStore store;
    private final RunJournal journal;
    private final RunStarter starter;
    private final Channels channels;
    private final TransactionTemplate tx;
    private final Inbox inbox;
    private final RunRequestReader reader;
    private final JsonMapper json;
    private final ErrorAdvice advice;
    private final IdempotencyKey idempotencyKey;

    RunService(RunStore store, RunJournal journal, RunStarter starter, Channels channels, TransactionTemplate tx,
               Inbox inbox, RunRequestReader reader, JsonMapper json,
               ErrorAdvice advice, IdempotencyKey idempotencyKey) {
        this.advice = advice;
        this.idempotencyKey = idempotencyKey;
        this.inbox = inbox;
        this.reader = reader;
        this.json = json;
        this.store = store;
        this.journal = journal;
        this.starter = starter;
        this.channels = channels;
        this.tx = tx;
    }

    /** The answer to a submission: the run, and whether this call created it. */
    public record Submitted(UUID runId, RunStatus status, String idempotencyKey, boolean created) {
    }

    Submitted submit(RunRequestReader.Checked request, UUID batchId, Actor actor) {
        if (!channels.accepts(request.route(), request.purpose(), request.payerId())) {
            throw new RouteUnavailable(request.route(), channels.routes());
        }
        return submitChecked(List.of(request), batchId, actor).get(0);
    }

    /** One request's submission among many: its run, or the problem {@code POST /runs} would have answered. */
    public record Submission(Submitted submitted, ApiProblem refused) {
    }

    /**
     * Submits many run requests (a batch's rows) for a batch, each idempotent by its key as {@link #submit} is: the
     * runs are recorded in one transaction, their workflows started, and the starts recorded in one statement.
     */
    public List<Submission> submitAll(List<JsonNode> requests, UUID batchId, Actor actor) {
        List<Submission> out = new ArrayList<>(requests.size());
        List<RunRequestReader.Checked> accepted = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (JsonNode request : requests) {
            try {
                RunRequestReader.Checked checked = reader.read(request);
                if (!channels.accepts(checked.route(), checked.purpose(), checked.payerId())) {
                    throw new RouteUnavailable(checked.route(), channels.routes());
                }
                at.add(out.size());
                accepted.add(checked);
                out.add(null);
            } catch (ApiProblem e) {
                out.add(new Submission(null, e));
            }
        }
        List<Submitted> submitted = submitChecked(accepted, batchId, actor);
        for (int i = 0; i < submitted.size(); i++) {
            out.set(at.get(i), new Submission(submitted.get(i), null));
        }
        return out;
    }

    /** Records the runs whose keys are free (one transaction), starts their workflows, finds the others' runs. */
    private List<Submitted> submitChecked(List<RunRequestReader.Checked> requests, UUID batchId, Actor actor) {
        int n = requests.size();
        String[] keys = new String[n];
        UUID[] candidates = new UUID[n];
        boolean[] created = new boolean[n];
        for (int i = 0; i < n; i++) {
            RunRequestReader.Checked r = requests.get(i);
            keys[i] = idempotencyKey.of(r.purpose(), r.payerId(), r.businessDate(), r.input());
            candidates[i] = UUID.randomUUID();
        }
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < n; i++) {
                RunRequestReader.Checked r = requests.get(i);
                created[i] = unkeyed(r).flatMap(store::runIdForKey).isEmpty()
                        && journal.created(newRun(candidates[i], r, batchId, keys[i], actor, null));
            }
        });
        List<RunStarter.Start> starts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (created[i]) {
                starts.add(new RunStarter.Start(candidates[i], requests.get(i).payerId(), requests.get(i).purpose()));
            }
        }
        starter.startAll(starts);
        List<Submitted> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (created[i]) {
                out.add(new Submitted(candidates[i], RunStatus.QUEUED, keys[i], true));
                continue;
            }
            String key = keys[i];
            UUID existing = unkeyed(requests.get(i)).flatMap(store::runIdForKey).or(() -> store.runIdForKey(key)).orElseThrow();
            RunView view = get(existing);
            out.add(new Submitted(existing, view.status(), view.idempotencyKey(), false));
        }
        return out;
    }

    /** The same question asked before the upgrade to keyed keys holds its run under the unkeyed form. */
    private Optional<String> unkeyed(RunRequestReader.Checked r) {
        return store.mayHoldUnkeyedKeys(r.businessDate())
                ? Optional.of(IdempotencyKey.unkeyed(r.purpose(), r.payerId(), r.businessDate(), r.input()))
                : Optional.empty();
    }

    private static RunJournal.NewRun newRun(UUID runId, RunRequestReader.Checked request, UUID batchId, String key, Actor actor,
                                            UUID rerunOf) {
        return new RunJournal.NewRun(runId, request.purpose(), request.payerId(), request.businessDate(), request.route(), batchId,
                key, request.inputJson(), actor, rerunOf);
    }

    /**
     * Within this long after a rerun of a run, another rerun of it returns that one: a double-click (or an impatient
     * second click) on Rerun makes one new run, not two.
     */
    static final Duration RERUN_WINDOW = Duration.ofSeconds(5);

    /** The answer to a rerun: the new run (or the recent one a repeated request found) and the run it reruns. */
    public record Rerun(UUID runId, RunStatus status, String idempotencyKey, boolean created, UUID rerunOf) {
    }

    /**
     * A deliberate rerun: a new run of the original's request as it stands now (its purpose, payer, business date,
     * requested route and input — with any correction a person made), linked to it, outside any batch. Only a
     * finished run is rerun. The request is checked again like {@code POST /runs}. Its idempotency key is the
     * original's followed by {@code /rerun-N} (N = 1 for the first rerun of that run), so a rerun never collides
     * with the question it repeats; a rerun asked for within {@link #RERUN_WINDOW} of the previous rerun of the same
     * run returns that one instead ({@code created: false}).
     */
    Rerun rerun(UUID originalId, Actor actor) {
        RunView original = get(originalId);
        RunRequestReader.Checked request = rerunRequest(original);
        UUID candidate = UUID.randomUUID();
        Rerun answer = tx.execute(s -> {
            List<RunStore.Rerun> earlier = store.rerunsForUpdate(originalId, RERUN_WINDOW);
            if (!earlier.isEmpty() && earlier.get(0).recent()) {
                return new Rerun(earlier.get(0).runId(), null, null, false, originalId);
            }
            String key = original.idempotencyKey() + "/rerun-" + (earlier.size() + 1);
            if (!journal.created(newRun(candidate, request, null, key, actor, originalId))) {
                return new Rerun(store.runIdForKey(key).orElseThrow(), null, key, false, originalId);
            }
            return new Rerun(candidate, RunStatus.QUEUED, key, true, originalId);
        });
        if (answer.created()) {
            starter.start(candidate, request.payerId(), request.purpose());
            return answer;
        }
        RunView existing = get(answer.runId());
        return new Rerun(existing.runId(), existing.status(), existing.idempotencyKey(), false, originalId);
    }

    /** A finished run's request as it stands now, checked again like {@code POST /runs}. */
    private RunRequestReader.Checked rerunRequest(RunView original) {
        if (!original.status().terminal()) {
            throw new RunNotFinished(original.runId(), original.status());
        }
        ObjectNode body = json.createObjectNode();
        body.put("purpose", original.purpose().wire());
        body.put("payer_id", original.payerId());
        body.put("business_date", original.businessDate().toString());
        body.put("route", original.requestedRoute());
        body.set("input", json.valueToTree(original.input()));
        RunRequestReader.Checked request = reader.read(body);
        if (!channels.accepts(request.route(), request.purpose(), request.payerId())) {
            throw new RouteUnavailable(request.route(), channels.routes());
        }
        return request;
    }

    /**
     * A row of a rerun batch ({@code POST /batches/{id}/rerun-failed}): a deliberate rerun of a finished run, like
     * {@link #rerun}, but inside {@code batchId}. The new run is linked to the original and keyed
     * {@code <original key>/rerun-N}. Safe to repeat (the batch workflow's activities are retried): a rerun of this run
     * already made for this batch is returned ({@code created: false}) instead of a second one. No double-click window:
     * the batch it belongs to was made once.
     */
    public Submitted rerunInBatch(UUID originalId, UUID batchId, Actor actor) {
        RunView original = get(originalId);
        RunRequestReader.Checked request = rerunRequest(original);
        UUID candidate = UUID.randomUUID();
        Submitted answer = tx.execute(s -> {
            List<RunStore.Rerun> earlier = store.rerunsForUpdate(originalId, RERUN_WINDOW);
            Optional<UUID> made = store.rerunInBatch(originalId, batchId);
            if (made.isPresent()) {
                return new Submitted(made.get(), null, null, false);
            }
            String key = original.idempotencyKey() + "/rerun-" + (earlier.size() + 1);
            if (!journal.created(newRun(candidate, request, batchId, key, actor, originalId))) {
                return new Submitted(store.runIdForKey(key).orElseThrow(), null, key, false);
            }
            return new Submitted(candidate, RunStatus.QUEUED, key, true);
        });
        if (answer.created()) {
            starter.start(candidate, request.payerId(), request.purpose());
            return answer;
        }
        RunView existing = get(answer.runId());
        return new Submitted(existing.runId(), existing.status(), existing.idempotencyKey(), false);
    }

    /** A request checked exactly like {@code POST /runs}: its idempotency key, or every problem (fields, no values). */
    public record Check(String idempotencyKey, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Checks a run request (a batch row) without submitting it. */
    public Check check(JsonNode request) {
        try {
            RunRequestReader.Checked c = reader.read(request);
            if (!channels.accepts(c.route(), c.purpose(), c.payerId())) {
                return new Check(null, List.of(FieldProblem.of("route", "no configured channel answers this purpose for this payer on route " + c.route())));
            }
            return new Check(idempotencyKey.of(c.purpose(), c.payerId(), c.businessDate(), c.input()), List.of());
        } catch (ApiProblem e) {
            return new Check(null, e.errors().isEmpty() ? List.of(FieldProblem.of("(row)", e.getMessage())) : e.errors());
        }
    }

    /** The routes a request may name ({@code auto} or a configured channel). */
    public List<String> routes() {
        List<String> out = new ArrayList<>(List.of("auto"));
        out.addAll(channels.routes());
        return out;
    }

    /** A run's outcome as a batch export shows it. */
    public record Outcome(UUID runId, RunStatus status, String route, JsonNode output, RunView.RunError error) {
    }

    /** The statuses of many runs at once (absent ids are left out). */
    public Map<UUID, RunStatus> statuses(Collection<UUID> runIds) {
        return runIds.isEmpty() ? Map.of() : store.statuses(runIds);
    }

    /** The outcomes of many runs at once (absent ids are left out). */
    public Map<UUID, Outcome> outcomes(Collection<UUID> runIds) {
        return runIds.isEmpty() ? Map.of() : store.outcomes(runIds);
    }

    public RunView get(UUID runId) {
        return store.view(runId).orElseThrow(() -> new RunNotFound(runId));
    }

    /** A run as the API shows it: with error advice; without input and output when the caller may not see PHI. */
    RunView show(UUID runId, boolean phiAllowed) {
        return get(runId).shown(advice, phiAllowed);
    }

    /** One page of runs, newest first, and the cursor of the next page (null on the last page). */
    public record Page(List<RunSummary> items, String nextCursor) {
    }

    Page list(RunStore.ListFilter filter, String cursor, int limit, boolean phiAllowed) {
        RunCursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = RunCursor.decode(cursor).orElseThrow(() -> new InvalidParameter("cursor", "is not a cursor this API issued"));
        }
        List<RunSummary> rows = store.list(filter, after, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            RunSummary last = rows.get(limit - 1);
            next = new RunCursor(last.createdAt(), last.runId()).encode();
        }
        return new Page(rows.stream().map(r -> r.shown(advice, phiAllowed)).toList(), next);
    }

    /**
     * Replaces a run's output with a later answer from the channel that gave it (a 277 announced by webhook after a
     * pending answer). Output, timeline entry, {@code run.updated} event and audit entry commit together; call it
     * inside the caller's transaction when the caller records more. {@code facts} must carry no PHI.
     */
    public void amendOutput(UUID runId, Object output, String reason, Map<String, Object> facts, Actor actor) {
        journal.updated(get(runId), output, reason, facts, actor);
    }

    /**
     * Passes an MFA code to a run waiting for one: resolves the run's open {@code mfa} inbox task as the caller. The
     * code is sealed with the task, never logged, and never enters the workflow's history.
     */
    void provideMfa(UUID runId, String code, Actor actor, Set<String> roles) {
        RunView run = get(runId);
        if (run.status() != RunStatus.WAITING_FOR_HUMAN) {
            throw new RunNotWaiting(runId, run.status());
        }
        inbox.resolveForRun(runId, "mfa", new Inbox.Resolution("submit",
                        StringNode.valueOf(code), null), actor, roles)
                .orElseThrow(() -> new RunNotWaiting(runId, run.status()));
    }

    static final class RunNotFound extends ApiProblem {
        RunNotFound(UUID runId) {
            super(HttpStatus.NOT_FOUND, "run_not_found", "no run " + runId);
        }
    }

    static final class RunNotWaiting extends ApiProblem {
        RunNotWaiting(UUID runId, RunStatus status) {
            super(HttpStatus.CONFLICT, "run_not_waiting", "run " + runId + " is " + status.wire() + ", not waiting_for_human");
        }
    }

    static final class RunNotFinished extends ApiProblem {
        RunNotFinished(UUID runId, RunStatus status) {
            super(HttpStatus.CONFLICT, "run_not_finished", "run " + runId + " is " + status.wire()
                    + ": only a finished run (succeeded, failed or canceled) can be rerun");
        }
    }

    static final class RouteUnavailable extends ApiProblem {
        RouteUnavailable(String route, List<String> available) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "route_unavailable",
                    "no configured channel can answer this run on route '" + route + "'",
                    List.of(FieldProblem.of("route", "must be auto or one of " + available + " supporting this purpose and payer")));
        }
    }

}
