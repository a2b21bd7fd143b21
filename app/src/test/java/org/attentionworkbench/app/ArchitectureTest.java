package org.attentionworkbench.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application's boundaries (docs/ARCHITECTURE.md), checked on its compiled main classes. */
class ArchitectureTest {
    /** The workspaces' model/controller/service packages; their views live in {@code <name>.view}. */
    private static final String[] WORKSPACE_MODELS = {
        "org.attentionworkbench.app.anomaly", "org.attentionworkbench.app.attention",
        "org.attentionworkbench.app.colorize", "org.attentionworkbench.app.pointcloud",
        "org.attentionworkbench.app.depth360", "org.attentionworkbench.app.labs", "org.attentionworkbench.app.zoo"};

    private static JavaClasses app;

    @BeforeAll
    static void importClasses() {
        app = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.attentionworkbench.app");
    }

    @Test
    void workspaceModelsUseNoSceneGraph() {
        noClasses().that().resideInAnyPackage(WORKSPACE_MODELS)
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("models hold observable javafx.beans state and never reference view nodes")
                .check(app);
    }

    @Test
    void workspaceModelsKnowNoViewOrShell() {
        noClasses().that().resideInAnyPackage(WORKSPACE_MODELS)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.attentionworkbench.app.anomaly.view..", "org.attentionworkbench.app.attention.view..",
                        "org.attentionworkbench.app.colorize.view..", "org.attentionworkbench.app.pointcloud.view..",
                        "org.attentionworkbench.app.labs.view..", "org.attentionworkbench.app.zoo.view..",
                        "org.attentionworkbench.app.layout..")
                .because("views subscribe to models, not the other way round")
                .check(app);
    }

    @Test
    void cliRunsWithoutJavaFx() {
        noClasses().that().resideInAPackage("org.attentionworkbench.app.cli..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the subcommands must work on a machine with no display and no GTK")
                .check(app);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.attentionworkbench.app.(**)").should().beFreeOfCycles().check(app);
    }
}
