package dev.pim.integration.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Every module's production classes (functions, the local cloud, the CLI) held to one set of rules: no package
 * cycle, functions' package layout as functions/README.md draws it, a domain without SDK types, and no static
 * mutable state outside the Lambda execution environment's cache. Here, in the module that sees them all, so the
 * rules are written once.
 */
class ArchitectureTest {
    /**
     * The one place static state is allowed: what a Lambda execution environment keeps across invocations (the
     * runtime constructs handlers with no arguments, so they find it there).
     */
    static final Set<String> EXECUTION_ENVIRONMENT_CACHES = Set.of("LambdaRuntime.current");
    private static JavaClasses production;

    @BeforeAll
    static void importProduction() {
        // The modules reach this one as jars or as class folders depending on the build; tests are left out either way.
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/pim-integration") && !location.contains("/integration/target/"))
                .importPackages("dev.pim");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.pim.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void packagesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("handler").definedBy("dev.pim.handler..")
                .layer("app").definedBy("dev.pim.app..")
                .layer("fleet").definedBy("dev.pim.fleet..")
                .layer("migration").definedBy("dev.pim.migration..")
                .layer("gateways").definedBy("dev.pim.aws..", "dev.pim.kubernetes..", "dev.pim.ledger..")
                .layer("json").definedBy("dev.pim.json..")
                .whereLayer("handler").mayNotBeAccessedByAnyLayer()
                .whereLayer("app").mayOnlyBeAccessedByLayers("handler")
                .whereLayer("gateways").mayOnlyBeAccessedByLayers("app")
                .whereLayer("fleet").mayOnlyBeAccessedByLayers("handler", "app", "gateways")
                .whereLayer("migration").mayOnlyBeAccessedByLayers("handler", "app", "fleet", "gateways")
                .check(production);
    }

    @Test
    void theDomainImportsNoSdkType() {
        classes().that().resideInAnyPackage("dev.pim.migration..", "dev.pim.fleet..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.pim.migration..", "dev.pim.fleet..",
                        "dev.pim.json..", "java..", "org.slf4j..", "com.fasterxml.jackson..")
                .check(production);
    }

    /** pim export's readers and renderers (in cli) work on domain values, as the domain does. */
    @Test
    void theExportImportsNoSdkType() {
        classes().that().resideInAPackage("dev.pim.export..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.pim.export..", "dev.pim.migration..",
                        "java..", "com.fasterxml.jackson..")
                .check(production);
    }

    @Test
    void noStaticMutableStateOutsideExecutionEnvironmentCaches() {
        classes().should(new NoStaticMutableState(EXECUTION_ENVIRONMENT_CACHES)).check(production);
    }
}
