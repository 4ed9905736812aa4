package io.iotsim.cluster.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * sim-cluster's layering, as a test (docs/architecture.md describes it): no package cycles, wire
 * types (generated proto classes) only in the gRPC package, and nothing from the modules above
 * (sim-http, sim-cli).
 */
@AnalyzeClasses(
    packages = "io.iotsim.cluster",
    importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.iotsim.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule protoOnlyInTheGrpcPackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.iotsim.cluster.grpc..")
          .should()
          .dependOnClassesThat(
              DescribedPredicate.describe(
                  "are generated proto classes",
                  (JavaClass c) -> c.getPackageName().startsWith("io.iotsim.proto")))
          .because("wire formats stay at the edges: the node speaks domain types, grpc maps them");

  @ArchTest
  static final ArchRule nothingFromTheModulesAbove =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.iotsim.http..", "io.iotsim.cli..")
          .because("dependencies point one way: sim-cli -> sim-http -> sim-cluster -> sim-core");

  @ArchTest
  static final ArchRule theNodeDoesNotKnowItsServers =
      noClasses()
          .that()
          .resideInAPackage("io.iotsim.cluster.node..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.iotsim.cluster.grpc..")
          .because(
              "servers are NodeExtensions found at start-up; the node API does not import them");
}
