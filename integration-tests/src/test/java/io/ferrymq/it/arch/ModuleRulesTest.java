package io.ferrymq.it.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package arrows of docs/DESIGN.md ("Module rules"), checked on the production
 * classes of every module: this module's test class path is the only one that sees them all.
 * A rule named here fails the build when an import points the wrong way or a package cycle appears.
 */
class ModuleRulesTest {

    private static JavaClasses ferry;

    @BeforeAll
    static void importProductionClasses() {
        ferry = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.ferrymq");
        if (ferry.size() < 200) {
            throw new IllegalStateException("expected Ferry's production classes, found " + ferry.size());
        }
    }

    @Test
    void commonDependsOnNothingOfFerry() {
        check(noClasses().that().resideInAPackage("io.ferrymq.common..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.ferrymq.client..", "io.ferrymq.coordinator..", "io.ferrymq.tools..", "io.ferrymq.broker.."));
    }

    @Test
    void clientDependsOnCommonOnly() {
        check(noClasses().that().resideInAPackage("io.ferrymq.client..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.ferrymq.coordinator..", "io.ferrymq.tools..", "io.ferrymq.broker..",
                        "picocli..", "org.HdrHistogram.."));
    }

    @Test
    void coordinatorDependsOnCommonOnlyAndNeitherNettyNorPicocli() {
        check(noClasses().that().resideInAPackage("io.ferrymq.coordinator..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.ferrymq.client..", "io.ferrymq.tools..", "io.ferrymq.broker..", "io.netty..", "picocli.."));
    }

    @Test
    void clientInternalsDoNotReachUpIntoTheNetworkLayer() {
        check(noClasses().that().resideInAPackage("io.ferrymq.client.common..")
                .should().dependOnClassesThat().resideInAPackage("io.ferrymq.client.network.."));
    }

    @Test
    void toolsNeverReachIntoCoordinatorOrBroker() {
        check(noClasses().that().resideInAPackage("io.ferrymq.tools..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ferrymq.coordinator..", "io.ferrymq.broker.."));
    }

    @Test
    void recordBatchesDependOnTheErrorFamilyNotOnTheWire() {
        check(noClasses().that().resideInAPackage("io.ferrymq.common.record..")
                .should().dependOnClassesThat().resideInAPackage("io.ferrymq.common.protocol.."));
    }

    @Test
    void errorFamilyDependsOnNothingOfFerry() {
        check(noClasses().that().resideInAPackage("io.ferrymq.common.errors..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.ferrymq.common.errors..", "java.."));
    }

    @Test
    void wireCoreDoesNotKnowTheMessages() {
        check(noClasses().that().resideInAPackage("io.ferrymq.common.protocol")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.ferrymq.common.protocol.requests..", "io.ferrymq.common.protocol.responses..",
                        "io.ferrymq.common.protocol.kryo.."));
    }

    @Test
    void onlyTheKafkaAdapterKnowsKafkasClasses() {
        check(noClasses().that().resideOutsideOfPackage("io.ferrymq.broker.kafka..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.."));
    }

    @Test
    void nothingOfFerryDependsOnTheTestKit() {
        check(noClasses().that().resideOutsideOfPackage("io.ferrymq.test..")
                .should().dependOnClassesThat().resideInAPackage("io.ferrymq.test.."));
    }

    @Test
    void theTestKitStartsBrokersThroughTheBrokerEntryPointOnly() {
        check(noClasses().that().resideInAPackage("io.ferrymq.test..")
                .should().dependOnClassesThat(resideInAPackage("io.ferrymq.broker..")
                        .and(not(resideInAnyPackage("io.ferrymq.broker", "io.ferrymq.broker.config",
                                "io.ferrymq.broker.cluster")))));
    }

    @Test
    void commonPackagesAreFreeOfCycles() {
        check(slices().matching("io.ferrymq.common.(**)").should().beFreeOfCycles());
    }

    @Test
    void modulesAreFreeOfCycles() {
        check(slices().matching("io.ferrymq.(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(ferry);
    }
}
