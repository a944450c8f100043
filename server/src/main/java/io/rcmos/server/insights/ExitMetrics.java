package io.rcmos.server.insights;

import io.rcmos.server.inbox.TaskFigures;
import io.rcmos.server.runs.RunFigures;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *   <li>{@code failures}: failed runs by error code;</li>
 *   <li>{@code qa}: resolved tasks sampled for a second look in the window — sampled, reviewed, agree, disagree;</li>
 *   <li>{@code staff_minutes_saved}: automated × {@code rcm.insights.minutes-per-manual-check} (default 6).</li>
 * </ul>
 * Runs are those created in the window, tasks those opened in it, QA samples those taken in it.
 */
@Component
public class ExitMetrics {

    private final RunFigures runs;
    private final TaskFigures tasks;
    private final InsightsProperties props;

    ExitMetrics(RunFigures runs, TaskFigures tasks, InsightsProperties props) {
        this.runs = runs;
        this.tasks = tasks;
        this.props = props;
    }

    /** The figures of a window; {@code minutesPerManualCheck} is the setting staff time saved is counted with. */
    public record Summary(Instant from, Instant to, double minutesPerManualCheck, Group totals, List<Group> byPayer) {
    }

    public record Group(String payerId, String purpose, long runs, long finished, long succeeded, long failed, long inProgress,
                        long automated, long humanTouched, Double automationRate, Double humanTouchRate, TaskFigures.Stats durationMs,
                        TaskFigures.Stats timeToHumanMs, TaskFigures.Stats timeInQueueMs, Map<String, Long> failures,
                        TaskFigures.Qa qa, double staffMinutesSaved) {
    }

    public Summary summary(Instant from, Instant to) {
        return combine(from, to, runs.groups(from, to), tasks.groups(from, to), props.minutesPerManualCheck());
    }

    /**
     * The groups of both modules joined by {@code payer_id|purpose} (the total under {@code "*"}); a group only one
     * module has figures for gets zeros from the other.
     */
    static Summary combine(Instant from, Instant to, Map<String, RunFigures.Group> byRun, Map<String, TaskFigures.Group> byTask,
                           double minutesPerManualCheck) {
        Set<String> keys = new LinkedHashSet<>(byRun.keySet());
        byTask.keySet().stream().sorted().forEach(keys::add);
        keys.add("*");
        Group totals = null;
        List<Group> byPayer = new ArrayList<>();
        for (String key : keys) {
            RunFigures.Group r = byRun.getOrDefault(key, none(key));
            TaskFigures.Group t = byTask.getOrDefault(key, TaskFigures.Group.NONE);
            Group g = new Group(r.payerId(), r.purpose(), r.runs(), r.finished(), r.succeeded(), r.failed(), r.runs() - r.finished(),
                    r.automated(), r.humanTouched(), r.finished() == 0 ? null : r.automated() / (double) r.finished(),
                    r.finished() == 0 ? null : r.humanTouched() / (double) r.finished(),
                    new TaskFigures.Stats(r.finished(), r.avgMs(), r.p50Ms(), r.p95Ms()), t.timeToHuman(), t.timeInQueue(), r.failures(),
                    t.qa(), r.automated() * minutesPerManualCheck);
            if ("*".equals(key)) {
                totals = g;
            } else {
                byPayer.add(g);
            }
        }
        return new Summary(from, to, minutesPerManualCheck, totals, byPayer);
    }

    private static RunFigures.Group none(String key) {
        int bar = key.indexOf('|');
        return new RunFigures.Group(bar < 0 ? null : key.substring(0, bar), bar < 0 ? null : key.substring(bar + 1), 0, 0, 0, 0, 0, 0,
                null, null, null, Map.of());
    }
}
