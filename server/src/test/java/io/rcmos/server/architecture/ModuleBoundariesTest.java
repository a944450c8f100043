package io.rcmos.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
}
