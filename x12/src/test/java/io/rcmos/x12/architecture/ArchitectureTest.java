package io.rcmos.x12.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The x12 module's boundaries, checked on its compiled classes and (inline names) on its sources. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rcmos.x12");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.rcmos.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void x12DependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.rcmos.x12..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rcmos.agent..", "io.rcmos.sim..", "io.rcmos.server..",
                        "io.rcmos.bench..", "org.springframework..")
                .check(classes);
    }

    @Test
    void theTokenizerIsNotPublicApi() {
        classes().that().haveFullyQualifiedName("io.rcmos.x12.read.X12Tokens")
                .or().haveFullyQualifiedName("io.rcmos.x12.read.X12Tokens$Tokens")
                .or().haveFullyQualifiedName("io.rcmos.x12.read.Segment")
                .or().haveFullyQualifiedName("io.rcmos.x12.read.X12Stream")
                .or().haveFullyQualifiedName("io.rcmos.x12.read.X12Stream$Fields")
                .or().haveFullyQualifiedName("io.rcmos.x12.read.X12Values")
                .or().haveFullyQualifiedName("io.rcmos.x12.read.Walker")
                .or().haveFullyQualifiedName("io.rcmos.x12.read.Outline")
                .should().notBePublic()
                .check(classes);
    }

    @Test
    void noInlineQualifiedNames() throws IOException {
        assertThat(InlineNames.find(Path.of("src/main/java"))).as("use an import, not io.rcmos.… in code").isEmpty();
    }

    @Test
    void theInlineNameScanSeesCodeOnly() {
        String source = """
                package io.rcmos.x12.cli;

                import io.rcmos.x12.read.X12Validator;
                import com.example.Locator;

                /** {@link io.rcmos.x12.read.X12Problem} in a comment */
                class A {
                    String s = "io.rcmos.x12.read.Segment"; // io.rcmos.x12.model.Source
                    Object o = io.rcmos.x12.model.Provider.class;
                    io.rcmos.x12.flow.Locator clash; // the simple name is taken by an import: Java needs the full name
                }
                """;

        assertThat(InlineNames.find("A.java", source)).containsExactly("A.java:9: io.rcmos.x12.model.Provider");
    }
}
