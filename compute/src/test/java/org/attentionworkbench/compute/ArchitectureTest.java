package org.attentionworkbench.compute;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's boundaries (docs/ARCHITECTURE.md), checked on its compiled main classes. */
class ArchitectureTest {
    private static JavaClasses compute;

    @BeforeAll
    static void importClasses() {
        compute = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.attentionworkbench.compute");
    }

    @Test
    void hasNoJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the engine runs headless, in the CLI and in other programs")
                .check(compute);
    }

    @Test
    void usesAwtOnlyInImage() {
        noClasses().that().resideOutsideOfPackage("org.attentionworkbench.compute.image..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.imageio..")
                .because("image files are decoded and written in compute.image only (ImageFiles, PngWriter);"
                        + " everything else takes an RgbImage")
                .check(compute);
    }

    @Test
    void tensorApiKnowsNoBackend() {
        noClasses().that().resideInAPackage("org.attentionworkbench.compute.tensor..")
                .should().dependOnClassesThat().resideInAPackage("org.attentionworkbench.compute.device..")
                .because("the backends implement Device and Devices chooses one; the API depends on neither")
                .check(compute);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.attentionworkbench.compute.(**)").should().beFreeOfCycles()
                // the registry of point-cloud formats lists the readers that build on pointcloud
                .ignoreDependency(JavaClass.Predicates.equivalentTo(PointClouds.class),
                        JavaClass.Predicates.resideInAPackage("org.attentionworkbench.compute.pointcloud.."))
                .check(compute);
    }
}
