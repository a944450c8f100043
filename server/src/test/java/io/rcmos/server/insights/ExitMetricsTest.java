package io.rcmos.server.insights;

import io.rcmos.server.inbox.TaskFigures;
import io.rcmos.server.runs.RunFigures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExitMetricsTest {

    private static final Instant FROM = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-25T00:00:00Z");

    private static RunFigures.Group runs(String payer, String purpose, long runs, long finished, long succeeded, long automated) {
        return new RunFigures.Group(payer, purpose, runs, finished, succeeded, finished - succeeded, automated, succeeded - automated,
                100.0, 90.0, 180.0, Map.of());
    }

    @Test
    void staffTimeSavedIsAutomatedChecksTimesTheMinutesOfAManualCheckAndQaCountsArePerGroup() {
        Map<String, RunFigures.Group> byRun = new LinkedHashMap<>();
        byRun.put("*", runs(null, null, 10, 8, 7, 5));
        byRun.put("87726|eligibility", runs("87726", "eligibility", 10, 8, 7, 5));
        Map<String, TaskFigures.Group> byTask = new LinkedHashMap<>();
        byTask.put("*", new TaskFigures.Group(TaskFigures.Stats.NONE, TaskFigures.Stats.NONE, new TaskFigures.Qa(4, 3, 2, 1)));
        byTask.put("87726|eligibility", new TaskFigures.Group(TaskFigures.Stats.NONE, TaskFigures.Stats.NONE, new TaskFigures.Qa(3, 3, 2, 1)));
        byTask.put("60054|claim_status", new TaskFigures.Group(TaskFigures.Stats.NONE, TaskFigures.Stats.NONE, new TaskFigures.Qa(1, 0, 0, 0)));

        ExitMetrics.Summary s = ExitMetrics.combine(FROM, TO, byRun, byTask, 6);
        assertThat(s.minutesPerManualCheck()).isEqualTo(6.0);
        assertThat(s.totals().staffMinutesSaved()).isEqualTo(30.0);
        assertThat(s.totals().qa()).isEqualTo(new TaskFigures.Qa(4, 3, 2, 1));
        assertThat(s.byPayer()).hasSize(2);
        ExitMetrics.Group uhc = s.byPayer().get(0);
        assertThat(uhc.payerId()).isEqualTo("87726");
        assertThat(uhc.staffMinutesSaved()).isEqualTo(30.0);
        assertThat(uhc.qa().disagree()).isEqualTo(1);
        assertThat(uhc.automationRate()).isEqualTo(5 / 8.0);
        ExitMetrics.Group tasksOnly = s.byPayer().get(1);
        assertThat(tasksOnly.payerId()).isEqualTo("60054");
        assertThat(tasksOnly.purpose()).isEqualTo("claim_status");
        assertThat(tasksOnly.runs()).isZero();
        assertThat(tasksOnly.automationRate()).isNull();
        assertThat(tasksOnly.qa().sampled()).isEqualTo(1);

        assertThat(ExitMetrics.combine(FROM, TO, byRun, byTask, 7.5).totals().staffMinutesSaved()).isEqualTo(37.5);
    }

    @Test
    void anEmptyWindowHasZeroTotals() {
        ExitMetrics.Summary s = ExitMetrics.combine(FROM, TO, Map.of(), Map.of(), 6);
        assertThat(s.totals().runs()).isZero();
        assertThat(s.totals().qa()).isEqualTo(TaskFigures.Qa.NONE);
        assertThat(s.totals().staffMinutesSaved()).isZero();
        assertThat(s.byPayer()).isEmpty();
    }

    @Test
    void theMinutesOfAManualCheckAreCheckedAtStartUp() {
        assertThat(new InsightsProperties(null).minutesPerManualCheck()).isEqualTo(6.0);
        assertThat(new InsightsProperties(4.5).minutesPerManualCheck()).isEqualTo(4.5);
        assertThatThrownBy(() -> new InsightsProperties(-1.0)).hasMessageContaining("rcm.insights.minutes-per-manual-check");
    }
}
