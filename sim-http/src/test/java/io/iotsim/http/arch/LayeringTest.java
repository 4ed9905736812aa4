package io.iotsim.http.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * sim-http's layering, as a test (docs/architecture.md describes it): no package cycles, no wire
 * types (REST maps JSON straight to the node API, never through proto or the gRPC services), and
 * nothing from the CLI above it.
 */
@AnalyzeClasses(packages = "io.iotsim.http", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.iotsim.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noProto =
      noClasses()
          .should()
          .dependOnClassesThat(
              DescribedPredicate.describe(
                  "are generated proto classes",
                  (JavaClass c) -> c.getPackageName().startsWith("io.iotsim.proto")))
          .because("REST speaks JSON and calls the node API; proto belongs to the gRPC edge");

  @ArchTest
  static final ArchRule notThroughTheGrpcServices =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.iotsim.cluster.grpc..")
          .because("REST and gRPC are two edges over one node API (Fleet, ScenarioJobs)");

  @ArchTest
  static final ArchRule nothingFromTheCli =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.iotsim.cli..")
          .because("dependencies point one way: sim-cli -> sim-http -> sim-cluster -> sim-core");
}
