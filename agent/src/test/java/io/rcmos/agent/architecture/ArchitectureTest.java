package io.rcmos.agent.architecture;

import io.rcmos.x12.architecture.InlineNames;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent's boundaries, checked on its compiled classes and (inline names) on its sources. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rcmos.agent");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.rcmos.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theFlowLanguageDependsOnNothingThatRunsIt() {
        noClasses().that().resideInAPackage("io.rcmos.agent.flow..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rcmos.agent.run..", "io.rcmos.agent.browser..",
                        "io.rcmos.agent.evidence..", "com.microsoft.playwright..")
                .check(classes);
    }

    @Test
    void agentDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.rcmos.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rcmos.x12..", "io.rcmos.sim..", "io.rcmos.server..",
                        "io.rcmos.bench..", "org.springframework..")
                .check(classes);
    }

    @Test
    void noInlineQualifiedNames() {
        assertThat(InlineNames.find(Path.of("src/main/java"))).as("use an import, not io.rcmos.… in code").isEmpty();
    }
}
