package org.transferlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.function.Predicate;
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
                        "org.transferlab.weightings..")
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

    /** A method call whose target is a method of {@code owner} (or a subtype) named as {@code name} says. */
    private static Predicate<JavaMethodCall> callTo(Class<?> owner, Predicate<String> name) {
        return call -> call.getTargetOwner().isAssignableTo(owner) && name.test(call.getName());
    }

    /** Fails for every call in a code unit that {@code forbidden} matches. */
    private static ArchCondition<JavaCodeUnit> notCall(String description, Predicate<JavaMethodCall> forbidden) {
        return new ArchCondition<>("not call " + description) {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                    if (forbidden.test(call)) {
                        events.add(SimpleConditionEvent.violated(unit, call.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean isFloatsWrite(JavaCodeUnit u) {
        return u.getOwner().getFullName().equals("org.transferlab.nn.Floats") && u.getName().equals("write");
    }

    /**
     * On CUDA a write through an NIO view of an ND4J array is invisible to the allocator (the device copy stays
     * "current" and later ops read stale data). So only {@code Floats} may take NIO views of ND4J memory, and
     * only {@code Floats.write} may write through an NIO buffer at all.
     */
    @Test
    void onlyFloatsTouchesNd4jMemoryThroughNioBuffers() {
        codeUnits().that().areNotDeclaredIn("org.transferlab.nn.Floats")
                .should(notCall("DataBuffer.asNio*/pointer/addressPointer", callTo(
                        org.nd4j.linalg.api.buffer.DataBuffer.class, n -> n.startsWith("asNio") || n.equals("pointer")
                                || n.equals("addressPointer"))))
                .check(CLASSES);
        codeUnits().that(DescribedPredicate.describe("are not Floats.write", u -> !isFloatsWrite(u)))
                .should(notCall("put* on a java.nio buffer", callTo(java.nio.Buffer.class, n -> n.startsWith("put"))))
                .check(CLASSES);
    }

    /** ... and that one helper tells the allocator the host copy is now the current one. */
    @Test
    void theOneHostWriteTagsTheHostCopyAsCurrent() {
        codeUnits().that(DescribedPredicate.describe("are Floats.write", LayerRulesTest::isFloatsWrite))
                .should(new ArchCondition<>("call AffinityManager.tagLocation") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        boolean tags = unit.getMethodCallsFromSelf().stream().anyMatch(callTo(
                                org.nd4j.linalg.api.concurrency.AffinityManager.class, n -> n.equals("tagLocation")));
                        events.add(new SimpleConditionEvent(unit, tags, unit.getFullName()
                                + (tags ? " tags" : " does not tag") + " the host copy"));
                    }
                })
                .check(CLASSES);
    }
}
