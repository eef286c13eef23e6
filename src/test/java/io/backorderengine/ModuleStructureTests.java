package io.backorderengine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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
    void settingsAreReadThroughTheirRecordsOnly() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value")
                .because("each backorder.* setting has one default and one description, in its @ConfigurationProperties record")
                .check(CLASSES);
    }

    @Test
    void systemHoldsNoBusinessTypes() {
        noClasses().that().resideInAPackage("io.backorderengine.system..")
                .should().dependOnClassesThat().resideInAnyPackage("io.backorderengine.order..",
                        "io.backorderengine.backorder..", "io.backorderengine.inventory..", "io.backorderengine.notification..")
                .check(CLASSES);
    }

    /** The README's layout and the architecture document name every module and every folder of the repo. */
    @Test
    void theDocumentedLayoutMatchesTheTree() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String layout = readme.substring(readme.indexOf("## Layout"));
        String architecture = Files.readString(Path.of("docs", "architecture.md"));
        try (Stream<Path> modules = Files.list(Path.of("src/main/java/io/backorderengine"))) {
            modules.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).forEach(module -> {
                assertThat(layout).as("README Layout").contains(module + "/");
                assertThat(architecture).as("docs/architecture.md, modules").contains("| `" + module + "` |");
            });
        }
        try (Stream<Path> top = Files.list(Path.of("."))) {
            top.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .filter(name -> !name.equals("target") && !name.equals("data") && !name.equals(".git")
                            && !name.equals(".mvn") && !name.startsWith(".idea") && !name.equals(".vscode"))
                    .forEach(folder -> assertThat(layout).as("README Layout").contains(folder + "/"));
        }
    }
}
