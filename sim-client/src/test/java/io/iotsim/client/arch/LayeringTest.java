package io.iotsim.client.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * sim-client's layering (docs/architecture.md): a client of the contract only, free of package
 * cycles, with nothing of the node, the REST server or the CLI, so a script needs only this jar.
 */
@AnalyzeClasses(packages = "io.iotsim.client", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.iotsim.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheContract =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.iotsim.core..", "io.iotsim.cluster..", "io.iotsim.http..", "io.iotsim.cli..")
          .because("the client depends on the contract (proto) and the Pekko gRPC runtime only");
}
