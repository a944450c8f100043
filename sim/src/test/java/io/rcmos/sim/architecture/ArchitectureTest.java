package io.rcmos.sim.architecture;

import io.rcmos.x12.architecture.InlineNames;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's boundaries, checked on its compiled classes and (inline names) on its sources. */
class ArchitectureTest {

    /** What of the x12 module is not its API: non-public classes (the tokenizer, the validator's walk) and the CLI. */
    private static final DescribedPredicate<JavaClass> X12_INTERNALS = resideInAPackage("io.rcmos.x12..")
            .and(DescribedPredicate.not(modifier(JavaModifier.PUBLIC)).<JavaClass>forSubtype().or(resideInAPackage("io.rcmos.x12.cli..")))
            .as("x12 internals (non-public classes, the CLI)");

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rcmos.sim");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.rcmos.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void simUsesOnlyTheX12ModulesApi() {
        noClasses().that().resideInAPackage("io.rcmos.sim..").should().dependOnClassesThat(X12_INTERNALS).check(classes);
    }

    @Test
    void simDependsOnNoProductionModuleButX12() {
        noClasses().that().resideInAPackage("io.rcmos.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rcmos.agent..", "io.rcmos.server..", "io.rcmos.bench..")
                .check(classes);
    }

    @Test
    void noInlineQualifiedNames() {
        assertThat(InlineNames.find(Path.of("src/main/java"))).as("use an import, not io.rcmos.… in code").isEmpty();
    }
}
