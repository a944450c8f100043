package io.rcmos.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import io.rcmos.x12.architecture.InlineNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Business modules and their boundaries (architecture.md, style.md), checked on the compiled classes. */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.rcmos");
    }

    @Test
    void platformDependsOnNoBusinessModule() {
        noClasses().that().resideInAPackage("io.rcmos.server.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rcmos.server.runs..", "io.rcmos.server.events..",
                        "io.rcmos.server.audit..", "io.rcmos.server.security..", "io.rcmos.server.artifacts..")
                .check(classes);
    }

    @Test
    void businessModulesAreFreeOfCycles() {
        slices().matching("io.rcmos.server.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void x12AndAgentStayFreeOfSpring() {
        noClasses().that().resideInAnyPackage("io.rcmos.x12..", "io.rcmos.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.rcmos.server..")
                .check(classes);
    }

    @Test
    void workflowCodeUsesNoWallClockOrRandomness() {
        noClasses().that().haveSimpleNameEndingWith("WorkflowImpl")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .check(classes);
    }

    // ------------------------------------------------------------------------------------------------ clearinghouse

    /**
     * The clearinghouse's two sides do not know each other: {@code outbound} (Stedi client, mappers, channel, control
     * numbers, exchange journal) and {@code inbound} (webhook intake) meet only in the shared package above them —
     * {@code StediProperties}, {@code ClaimWatches} and the 277 report contract {@code ClaimStatusReportSource}
     * (implemented outbound, used inbound) — which itself depends on neither side.
     */
    @Test
    void clearinghouseInboundAndOutboundMeetOnlyInTheSharedPackage() {
        noClasses().that().resideInAPackage("io.rcmos.server.clearinghouse.inbound..")
                .should().dependOnClassesThat().resideInAPackage("io.rcmos.server.clearinghouse.outbound..")
                .check(classes);
        noClasses().that().resideInAPackage("io.rcmos.server.clearinghouse.outbound..")
                .should().dependOnClassesThat().resideInAPackage("io.rcmos.server.clearinghouse.inbound..")
                .check(classes);
        noClasses().that().resideInAPackage("io.rcmos.server.clearinghouse")
                .should().dependOnClassesThat().resideInAnyPackage("io.rcmos.server.clearinghouse.inbound..",
                        "io.rcmos.server.clearinghouse.outbound..")
                .check(classes);
    }

    /** Controllers of the inbox and the webhook intake hold no SQL: their stores do. */
    @Test
    void inboxAndWebhookControllersHoldNoSql() {
        noClasses().that().resideInAnyPackage("io.rcmos.server.inbox..", "io.rcmos.server.clearinghouse..")
                .and().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..")
                .check(classes);
    }

    // ------------------------------------------------------------------------------------------------ inbox tables

    private static final Pattern TASKS_SQL = Pattern.compile("(?i)\\b(from|join|into|update|table)\\s+breakpoints\\b");
    private static final Pattern TASKS_WRITE = Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+breakpoints\\b");
    private static final Pattern QA_SQL = Pattern.compile("(?i)\\b(from|join|into|update|table)\\s+qa_reviews\\b");
    private static final Pattern QA_WRITE = Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+qa_reviews\\b");

    /**
     * Only the inbox's store touches inbox tasks ({@code breakpoints}), checked on the source text: {@code InboxStore}
     * is the only class that writes them (the SLA sweep and the sealed answers go through it); besides it only the
     * inbox's read models {@code QaReviews} (a second look joins its task) and {@code TaskFigures} (exit metrics) read
     * them. QA reviews ({@code qa_reviews}) are written by {@code QaReviews} alone. No other module names either table.
     */
    @Test
    void onlyTheInboxStoreTouchesInboxTasks() throws IOException {
        Map<String, String> sources = mainSources();
        assertThat(sources).as("main sources found").containsKey("io/rcmos/server/inbox/InboxStore.java");
        assertThat(naming(sources, TASKS_WRITE)).containsExactly("io/rcmos/server/inbox/InboxStore.java");
        assertThat(naming(sources, TASKS_SQL)).isSubsetOf(Set.of("io/rcmos/server/inbox/InboxStore.java",
                "io/rcmos/server/inbox/QaReviews.java", "io/rcmos/server/inbox/TaskFigures.java"));
        assertThat(naming(sources, QA_WRITE)).containsExactly("io/rcmos/server/inbox/QaReviews.java");
        assertThat(naming(sources, QA_SQL)).isSubsetOf(Set.of("io/rcmos/server/inbox/QaReviews.java",
                "io/rcmos/server/inbox/TaskFigures.java"));
    }

    private static Map<String, String> mainSources() throws IOException {
        Path root = Path.of("src/main/java");
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return out;
    }

    /** The files whose code (comments left out) matches {@code sql}. */
    private static List<String> naming(Map<String, String> sources, Pattern sql) {
        return sources.entrySet().stream().filter(e -> sql.matcher(withoutComments(e.getValue())).find()).map(Map.Entry::getKey).toList();
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    // ------------------------------------------------------------------------------------------------ runs and channels

    private static final Pattern RUNS_SQL = Pattern.compile("(?i)\\b(from|join|into|update|table)\\s+(runs|run_timeline|idempotency_keys)\\b");
    private static final Pattern RUNS_WRITE = Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+(runs|run_timeline|idempotency_keys)\\b");

    /**
     * Only the runs module touches the runs tables ({@code runs}, {@code run_timeline}, {@code idempotency_keys}),
     * checked on the source text: its store holds every statement (writes and reads), its figures read them for the
     * metrics; any other module asks the runs module (RunService, or an interface it implements such as
     * {@code RunDirectory}).
     */
    @Test
    void onlyTheRunsModuleTouchesTheRunsTables() throws IOException {
        Map<String, String> sources = mainSources();
        assertThat(sources).as("main sources found").containsKey("io/rcmos/server/runs/RunStore.java");
        assertThat(naming(sources, RUNS_WRITE)).containsExactly("io/rcmos/server/runs/RunStore.java");
        assertThat(naming(sources, RUNS_SQL)).isSubsetOf(Set.of("io/rcmos/server/runs/RunStore.java",
                "io/rcmos/server/runs/RunFigures.java"));
    }

    /** Every write of the runs tables is a transition of the run's journal: nothing else calls the store's writers. */
    @Test
    void onlyTheJournalCallsTheRunStoresWriters() {
        Set<String> writers = Set.of("insert", "claimKey", "timeline", "transition", "recordHumanTouch", "amendInput",
                "recordAttempt", "recordOutput", "amendOutput", "recordError", "markStarted", "markUnstarted");
        noClasses().that().doNotHaveFullyQualifiedName("io.rcmos.server.runs.RunJournal")
                .and().doNotHaveFullyQualifiedName("io.rcmos.server.runs.RunStore")
                .should().callMethodWhere(describe("a writer of RunStore", call ->
                        call.getTargetOwner().getFullName().equals("io.rcmos.server.runs.RunStore")
                                && writers.contains(call.getName())))
                .check(classes);
    }

    /**
     * The channel contracts are the runs module's and the channels' common ground: they depend on no business module
     * but the payer settings a lane names (and the x12 model they carry).
     */
    @Test
    void channelContractsDependOnNoBusinessModule() {
        noClasses().that().resideInAPackage("io.rcmos.server.channels..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rcmos.server.runs..", "io.rcmos.server.routing..",
                        "io.rcmos.server.inbox..", "io.rcmos.server.clearinghouse..", "io.rcmos.server.portal..",
                        "io.rcmos.server.batches..", "io.rcmos.server.events..", "io.rcmos.server.audit..",
                        "io.rcmos.server.artifacts..", "io.rcmos.server.security..")
                .check(classes);
    }

    /** The run workflow names no channel: a channel's queue and limits come from what it declared. */
    @Test
    void theRunWorkflowNamesNoChannel() throws IOException {
        String workflow = mainSources().get("io/rcmos/server/runs/RunWorkflowImpl.java");
        assertThat(workflow).as("RunWorkflowImpl source").isNotNull();
        String code = withoutComments(workflow);
        assertThat(code).doesNotContain("\"portal\"").doesNotContain("\"clearinghouse\"").doesNotContain("\"demo\"")
                .doesNotContain("PORTAL");
    }

    /** A use of another package's class imports it: no inline {@code io.rcmos.} names in the server's code. */
    @Test
    void noInlineQualifiedNames() {
        assertThat(InlineNames.find(Path.of("src/main/java"))).isEmpty();
    }
}
