package io.cruddur.aws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The adapters are library code: they log through SLF4J only, and never print. */
class AwsArchitectureTest {
  private static final JavaClasses AWS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cruddur.aws");

  @Test
  void theAdaptersNeverPrintAndLogThroughSlf4jOnly() {
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(AWS);
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(AWS);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..", "org.apache.commons.logging..",
        "org.apache.logging.log4j..", "org.apache.log4j..").check(AWS);
  }
}
