package io.backorderengine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.web.bind.annotation.ExceptionHandler;

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
        noClasses()
                .that()
                .resideOutsideOfPackages("io.backorderengine.backorder.process..", "io.backorderengine.system..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.camunda..")
                .because("a move to another engine (e.g. Operaton) should stay small")
                .check(CLASSES);
    }

    @Test
    void settingsAreReadThroughTheirRecordsOnly() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value")
                .because(
                        "each backorder.* setting has one default and one description, in its @ConfigurationProperties record")
                .check(CLASSES);
    }

    @Test
    void errorsAreAnsweredInOnePlace() {
        noMethods()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage("io.backorderengine.system..")
                .should()
                .beAnnotatedWith(ExceptionHandler.class)
                .because("a module's error carries its problem (ProblemException); ApiExceptionHandler answers all")
                .check(CLASSES);
    }

    @Test
    void systemHoldsNoBusinessTypes() {
        noClasses()
                .that()
                .resideInAPackage("io.backorderengine.system..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.backorderengine.order..",
                        "io.backorderengine.backorder..",
                        "io.backorderengine.inventory..",
                        "io.backorderengine.notification..")
                .check(CLASSES);
    }

    /** The tables each module owns (docs/architecture.md, "Modules"); a module's SQL names only its own. */
    static final Map<String, Set<String>> TABLES = Map.of(
            "order", Set.of("customer_order", "order_line"),
            "backorder",
                    Set.of(
                            "backorder_case",
                            "case_promise",
                            "case_offer",
                            "case_offer_alternative",
                            "case_decision",
                            "case_task",
                            "case_ledger",
                            "case_message",
                            "case_outcome",
                            "case_outcome_head"),
            "inventory",
                    Set.of(
                            "product",
                            "supplier",
                            "substitute",
                            "purchase_order",
                            "stock_receipt",
                            "reservation",
                            "backorder_demand",
                            "stock_change"),
            "notification", Set.of("communication", "communication_coverage"),
            "customer", Set.of("decision_link"),
            "webhook", Set.of("webhook_subscriber", "webhook_delivery"),
            "system", Set.of("api_key"));

    /** The reporting module: its SQL may read every module's tables, and write none. */
    static final String READER = "insight";

    private static final Pattern WRITES =
            Pattern.compile("(?i)\\b(?:insert\\s+into|update\\s+[a-z_]+\\s+set|delete\\s+from|merge\\s+into|"
                    + "for\\s+update|create\\s+table|alter\\s+table|drop\\s+table|truncate)\\b");

    private static final Pattern STRING =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE_AFTER =
            Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_][a-z0-9_]*)");

    @Test
    void modulesReadAndWriteOnlyTheirOwnTables() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/backorderengine"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = Path.of("src/main/java/io/backorderengine").relativize(file);
                if (relative.getNameCount() > 1) {
                    violations.addAll(
                            foreignTables(relative.getName(0).toString(), file.toString(), Files.readString(file)));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyTableOfTheMigrationsHasItsModule() throws IOException {
        Set<String> owned = new HashSet<>();
        TABLES.values().forEach(owned::addAll);
        Pattern created = Pattern.compile("(?i)create table\\s+([a-z_][a-z0-9_]*)");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path migration : files.toList()) {
                Matcher matcher = created.matcher(Files.readString(migration));
                while (matcher.find()) {
                    assertThat(owned)
                            .as("module of table %s (%s)", matcher.group(1), migration.getFileName())
                            .contains(matcher.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    @Test
    void aModuleReadingAnotherModulesTableIsFound() throws IOException {
        String leaky = Files.readString(Path.of("src/test/resources/module-fixtures/LeakyNotification.java.txt"));

        assertThat(foreignTables("notification", "LeakyNotification", leaky))
                .containsExactly("LeakyNotification: notification uses inventory's table reservation");
        assertThat(foreignTables("inventory", "LeakyNotification", leaky))
                .as("the same source in inventory")
                .containsExactly("LeakyNotification: inventory uses notification's table communication");
        assertThat(foreignTables(READER, "Reader", "String sql = \"select on_hand from product\";"))
                .as("the reporting module reads")
                .isEmpty();
        assertThat(foreignTables(READER, "Writer", "String sql = \"update product set on_hand = 0\";"))
                .as("the reporting module writing")
                .containsExactly("Writer: insight may only read, but writes: update product set on_hand = 0");
    }

    /** Tables of other modules named in the SQL of a module's source (string literals and text blocks). */
    static List<String> foreignTables(String module, String file, String source) {
        List<String> found = new ArrayList<>();
        Matcher strings = STRING.matcher(source);
        while (strings.find()) {
            String literal = strings.group(1) != null ? strings.group(1) : strings.group(2);
            if (module.equals(READER)) {
                if (WRITES.matcher(literal).find()) {
                    found.add("%s: %s may only read, but writes: %s".formatted(file, module, literal.strip()));
                }
                continue;
            }
            Matcher tables = TABLE_AFTER.matcher(literal);
            while (tables.find()) {
                String table = tables.group(1).toLowerCase(Locale.ROOT);
                TABLES.forEach((owner, names) -> {
                    if (!owner.equals(module) && names.contains(table)) {
                        found.add("%s: %s uses %s's table %s".formatted(file, module, owner, table));
                    }
                });
            }
        }
        return found;
    }

    /** The README's layout and the architecture document name every module and every folder of the repo. */
    @Test
    void theDocumentedLayoutMatchesTheTree() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String layout = readme.substring(readme.indexOf("## Layout"));
        String architecture = Files.readString(Path.of("docs", "architecture.md"));
        try (Stream<Path> modules = Files.list(Path.of("src/main/java/io/backorderengine"))) {
            modules.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .forEach(module -> {
                        assertThat(layout).as("README Layout").contains(module + "/");
                        assertThat(architecture)
                                .as("docs/architecture.md, modules")
                                .contains("| `" + module + "` |");
                    });
        }
        try (Stream<Path> top = Files.list(Path.of("."))) {
            top.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> !name.equals("target")
                            && !name.equals("data")
                            && !name.equals(".git")
                            && !name.equals(".mvn")
                            && !name.startsWith(".idea")
                            && !name.equals(".vscode"))
                    .forEach(folder -> assertThat(layout).as("README Layout").contains(folder + "/"));
        }
    }
}
