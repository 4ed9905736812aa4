package io.iotsim.core.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.iotsim.core.device.DeviceActor;
import io.iotsim.core.device.DeviceDirectory;
import io.iotsim.core.device.DeviceHost;
import io.iotsim.core.device.DeviceHosts;
import io.iotsim.core.device.LocalDevice;

/**
 * sim-core's layering as a test. The model (profiles, generators, seeds, payloads, faults, time,
 * the device model) is plain Java: no actors, no wire types, no network. Only the device's actor,
 * the node as the actor sees it (DeviceHost) and what holds its ref, the timing wheel (it tells
 * actors) and the publish adapters may use Pekko and network clients; proto types belong to
 * sim-cluster's gRPC edge, never here.
 */
@AnalyzeClasses(packages = "io.iotsim.core", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noWireTypesInCore =
      noClasses()
          .that()
          .resideInAPackage("io.iotsim.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.iotsim.proto..", "com.google.protobuf..")
          .because("proto is mapped at the edges (sim-cluster's grpc package)");

  @ArchTest
  static final ArchRule theModelUsesNoActorsAndNoNetwork =
      noClasses()
          .that()
          .resideInAPackage("io.iotsim.core..")
          .and()
          .resideOutsideOfPackages("io.iotsim.core.publish..", "io.iotsim.core.schedule..")
          .and(
              not(
                  belongToAnyOf(
                      DeviceActor.class,
                      DeviceHost.class,
                      DeviceHosts.class,
                      DeviceDirectory.class,
                      LocalDevice.class)))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.pekko..",
              "com.hivemq..",
              "com.rabbitmq..",
              "org.eclipse.californium..",
              "io.netty..",
              "java.net..")
          .because("the model is plain Java; its actor and the adapters wire it to the node");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.iotsim.core.(*)..").should().beFreeOfCycles();
}
