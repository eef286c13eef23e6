package io.backorderengine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Keeps the module boundaries (README, "Layout") honest. */
class ModuleStructureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.backorderengine");

    @Test
    void modulesUseEachOthersApiOnlyAndHaveNoCycles() {
        ApplicationModules.of(BackorderEngineApplication.class).verify();
    }

    @Test
    void onlyTheProcessGlueAndSystemConfigurationTouchCamunda() {
        noClasses().that().resideOutsideOfPackages("io.backorderengine.backorder.process..", "io.backorderengine.system..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .because("a move to another engine (e.g. Operaton) should stay small")
                .check(CLASSES);
    }

    @Test
    void systemHoldsNoBusinessTypes() {
        noClasses().that().resideInAPackage("io.backorderengine.system..")
                .should().dependOnClassesThat().resideInAnyPackage("io.backorderengine.order..",
                        "io.backorderengine.backorder..", "io.backorderengine.inventory..", "io.backorderengine.notification..")
                .check(CLASSES);
    }
}
