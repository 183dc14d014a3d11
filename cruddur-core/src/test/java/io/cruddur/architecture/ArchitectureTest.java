package io.cruddur.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The architecture of cruddur-core, written as tests: a wrong arrow fails the build. From the top: the facade
 * ({@code io.cruddur.Cruddur}), apply, plan, blueprint (spec to desired graph), the resource kinds, the resource
 * model they implement, then the ports; the in-memory cloud implements the ports and nothing in core depends on it.
 * {@code spec} (the DSL) and {@code base} (the root exception, ARNs) are used from above.
 */
class ArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cruddur");

  @Test
  void layersOnlyPointDown() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Facade").definedBy("io.cruddur")
        .layer("Apply").definedBy("io.cruddur.apply..")
        .layer("Plan").definedBy("io.cruddur.plan..")
        .layer("Blueprint").definedBy("io.cruddur.internal.blueprint..")
        .layer("Kinds").definedBy("io.cruddur.internal.kind..")
        .layer("Resource").definedBy("io.cruddur.resource")
        .layer("Spec").definedBy("io.cruddur.spec..")
        .layer("Port").definedBy("io.cruddur.port..")
        .layer("Memory").definedBy("io.cruddur.memory..")
        .layer("Base").definedBy("io.cruddur.base..")
        .whereLayer("Facade").mayNotBeAccessedByAnyLayer()
        .whereLayer("Apply").mayOnlyBeAccessedByLayers("Facade")
        .whereLayer("Plan").mayOnlyBeAccessedByLayers("Facade", "Apply")
        .whereLayer("Blueprint").mayOnlyBeAccessedByLayers("Plan")
        .whereLayer("Kinds").mayOnlyBeAccessedByLayers("Blueprint")
        .whereLayer("Resource").mayOnlyBeAccessedByLayers("Kinds", "Blueprint", "Plan", "Apply", "Facade")
        .whereLayer("Spec").mayOnlyBeAccessedByLayers("Blueprint", "Plan", "Apply", "Facade")
        .whereLayer("Port").mayOnlyBeAccessedByLayers("Resource", "Kinds", "Blueprint", "Plan", "Apply", "Facade",
            "Memory")
        .whereLayer("Memory").mayNotBeAccessedByAnyLayer()
        .check(CORE);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.cruddur.(**)").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void coreIsFreeOfTheAwsSdkAndFailsafe() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "dev.failsafe..")
        .check(CORE);
  }

  /** Library code logs through SLF4J only, and never prints: standard output is the application's. */
  @Test
  void coreNeverPrintsAndLogsThroughSlf4jOnly() {
    com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CORE);
    com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(CORE);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..", "org.apache.commons.logging..",
        "org.apache.logging.log4j..", "org.apache.log4j..").check(CORE);
  }

  @Test
  void portsUseNoProviderTypes() {
    classes().that().resideInAPackage("io.cruddur.port..").should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.cruddur.port..", "io.cruddur.base..").check(CORE);
  }

  @Test
  void thePlannerNeverWrites() {
    // Planning sees the read side of the ports only (ReadPorts), so a plan cannot change anything.
    noClasses().that().resideInAPackage("io.cruddur.plan..").should().dependOnClassesThat()
        .haveSimpleNameEndingWith("Port").orShould().dependOnClassesThat().haveSimpleName("Ports").check(CORE);
  }

  @Test
  void theExecutorAndThePlannerKnowKindsOnlyThroughTheKindInterface() {
    noClasses().that().resideInAnyPackage("io.cruddur.plan..", "io.cruddur.apply..", "io.cruddur")
        .should().dependOnClassesThat().resideInAPackage("io.cruddur.internal.kind..").check(CORE);
  }
}
