package io.rcmos.server.insights;

import io.rcmos.server.inbox.TaskFigures;
import io.rcmos.server.runs.RunFigures;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exit criteria per payer and purpose, from the runs module's and the inbox's own figures (each module counts its
 * own table). Definitions (also in the README):
 * <ul>
 *   <li>{@code finished}: runs that succeeded or failed; the rates below are over finished runs;</li>
 *   <li>{@code automation_rate}: succeeded with no human touch (no inbox task) ÷ finished;</li>
 *   <li>{@code human_touch_rate}: finished runs that had at least one inbox task ÷ finished;</li>
 *   <li>{@code duration_ms}: submission to terminal status of finished runs, p50 and p95 (linear interpolation);</li>
 *   <li>{@code time_to_human_ms}: inbox task opened → first picked up (claimed, or resolved without a claim);</li>
 *   <li>{@code time_in_queue_ms}: inbox task opened → resolved;</li>
 *   <li>{@code failures}: failed runs by error code.</li>
 * </ul>
 * Runs are those created in the window, tasks those opened in it.
 */
@Component
public class ExitMetrics {

    private final RunFigures runs;
    private final TaskFigures tasks;

    ExitMetrics(RunFigures runs, TaskFigures tasks) {
        this.runs = runs;
        this.tasks = tasks;
    }

    public record Summary(Instant from, Instant to, Group totals, List<Group> byPayer) {
    }

    public record Group(String payerId, String purpose, long runs, long finished, long succeeded, long failed, long inProgress,
                        long automated, long humanTouched, Double automationRate, Double humanTouchRate, TaskFigures.Stats durationMs,
                        TaskFigures.Stats timeToHumanMs, TaskFigures.Stats timeInQueueMs, Map<String, Long> failures) {
    }

    public Summary summary(Instant from, Instant to) {
        Map<String, RunFigures.Group> byRun = runs.groups(from, to);
        Map<String, TaskFigures.Group> byTask = tasks.groups(from, to);
        Group totals = null;
        List<Group> byPayer = new ArrayList<>();
        for (Map.Entry<String, RunFigures.Group> e : byRun.entrySet()) {
            RunFigures.Group r = e.getValue();
            TaskFigures.Group t = byTask.getOrDefault(e.getKey(), new TaskFigures.Group(TaskFigures.Stats.NONE, TaskFigures.Stats.NONE));
            Group g = new Group(r.payerId(), r.purpose(), r.runs(), r.finished(), r.succeeded(), r.failed(), r.runs() - r.finished(),
                    r.automated(), r.humanTouched(), r.finished() == 0 ? null : r.automated() / (double) r.finished(),
                    r.finished() == 0 ? null : r.humanTouched() / (double) r.finished(),
                    new TaskFigures.Stats(r.finished(), r.avgMs(), r.p50Ms(), r.p95Ms()), t.timeToHuman(), t.timeInQueue(), r.failures());
            if ("*".equals(e.getKey())) {
                totals = g;
            } else {
                byPayer.add(g);
            }
        }
        if (totals == null) {
            totals = new Group(null, null, 0, 0, 0, 0, 0, 0, 0, null, null, TaskFigures.Stats.NONE, TaskFigures.Stats.NONE,
                    TaskFigures.Stats.NONE, Map.of());
        }
        return new Summary(from, to, totals, byPayer);
    }
}
