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
@AnalyzeClasses(packages = "io.iotsim.cluster", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  /**
   * The proto types sim-core's device API still hands out (event, fault and device-state enums,
   * the device spec). Remove this exemption once sim-core speaks its own domain types.
   */
  static final DescribedPredicate<JavaClass> PROTO_TYPES_OF_THE_CORE_API =
      DescribedPredicate.describe(
          "proto types sim-core's API still exposes",
          c -> c.getPackageName().equals("io.iotsim.proto.simulator.v1")
              && (c.getSimpleName().equals("EventType")
                  || c.getSimpleName().equals("FaultType")
                  || c.getSimpleName().equals("DeviceState")
                  || c.getSimpleName().equals("DeviceSpec")));

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
                  (JavaClass c) -> c.getPackageName().startsWith("io.iotsim.proto")
                      && !PROTO_TYPES_OF_THE_CORE_API.test(c)))
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
          .because("servers are NodeExtensions found at start-up; the node API does not import them");
}
