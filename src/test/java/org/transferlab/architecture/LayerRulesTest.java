package org.transferlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering the README promises, checked on the compiled classes. */
class LayerRulesTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.transferlab");

    @Test
    void nothingOutsideTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.transferlab.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void theUiNeverCallsNd4jDirectly() {
        noClasses().that().resideInAPackage("org.transferlab.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..",
                        "org.transferlab.nn..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void layersKnowNothingOfModelsLossesOrTheEngine() {
        noClasses().that().resideInAPackage("org.transferlab.nn..")
                .should().dependOnClassesThat().resideInAnyPackage("org.transferlab.models..",
                        "org.transferlab.transfer..", "org.transferlab.engine..", "org.transferlab.cli..")
                .check(CLASSES);
    }

    @Test
    void lossesAndMetricsArePlainJava() {
        noClasses().that().resideInAnyPackage("org.transferlab.transfer..", "org.transferlab.metrics..",
                        "org.transferlab.multitask..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..", "javafx..")
                .check(CLASSES);
    }

    @Test
    void dataAndLossesDoNotDependOnTheEngineOrCli() {
        noClasses().that().resideInAnyPackage("org.transferlab.data..", "org.transferlab.models..",
                        "org.transferlab.transfer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.transferlab.engine..", "org.transferlab.cli..")
                .check(CLASSES);
    }

    @Test
    void theEngineDoesNotDependOnTheCli() {
        noClasses().that().resideInAPackage("org.transferlab.engine..")
                .should().dependOnClassesThat().resideInAPackage("org.transferlab.cli..").check(CLASSES);
    }
}
