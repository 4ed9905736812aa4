package io.iotsim.cli.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * sim-cli's layering, as a test (docs/architecture.md describes it): the top of the chain, free of
 * package cycles; it may map proto (it is a gRPC client), and it drives an embedded node through
 * the node API, not through the REST routes.
 */
@AnalyzeClasses(packages = "io.iotsim.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.iotsim.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule notThroughTheRestRoutes =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.iotsim.http.routes..", "io.iotsim.http.sse..")
          .because("embedded runs call the node API (SimNode, Fleet, ScenarioJobs) directly");
}
