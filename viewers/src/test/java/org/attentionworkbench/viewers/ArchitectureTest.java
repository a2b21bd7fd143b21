package org.attentionworkbench.viewers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The viewers' boundaries (docs/ARCHITECTURE.md), checked on their compiled main classes. */
class ArchitectureTest {
    private static JavaClasses viewers;

    @BeforeAll
    static void importClasses() {
        viewers = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.attentionworkbench.viewers");
    }

    @Test
    void dependOnNoOtherWorkbenchModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.attentionworkbench.compute..", "org.attentionworkbench.app..",
                        "org.attentionworkbench.samples..")
                .because("views draw plain data (float[] maps, images, strings) that the app hands them,"
                        + " so they can be reused without the engine")
                .check(viewers);
    }

    @Test
    void pointRenderingWorksWithoutJavaFx() {
        noClasses().that().resideInAPackage("org.attentionworkbench.viewers.points.render..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the CLI renders point clouds headless with these classes")
                .check(viewers);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.attentionworkbench.viewers.(**)").should().beFreeOfCycles().check(viewers);
    }
}
