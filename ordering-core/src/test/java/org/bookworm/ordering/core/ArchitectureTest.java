package org.bookworm.ordering.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.core.common.Published;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The core's architecture, checked on its main classes: it depends on the JDK, JSpecify and itself only; domain code
 * (deciders and the sealed command, event, state and rejection families, wherever they live) never sees ports,
 * application services, the event-sourcing engine beyond {@code Decider}/{@code Decision}/{@code DomainEvent}, or
 * the in-memory adapters, and never reads a clock or a random source; commands, events, states and rejections are
 * records; no standard streams, no java.util.logging, no generic exceptions; a service package (ordering, basket,
 * finance, notification) uses another only through what that one publishes ({@code @Published} types and what they
 * nest) and its ports (interfaces that are not sealed). Each rule is also run on deliberately
 * broken fixture code, so a rule that silently matches nothing fails here.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ArchitectureTest {
    private static final String CORE = "org.bookworm.ordering.core";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);
    private static final JavaClasses BROKEN =
            new ClassFileImporter().importPackages("org.bookworm.ordering.archfixture");

    /** The engine's types that domain code may use: the decider's shape and the event marker. */
    private static final Set<String> ENGINE_FOR_THE_DOMAIN = Set.of(
            CORE + ".eventsourcing.Decider", CORE + ".eventsourcing.Decision", CORE + ".eventsourcing.DomainEvent");

    /** Domain code: a decider (by type or name) or a member or owner of a sealed family of messages and states. */
    private static final DescribedPredicate<JavaClass> DOMAIN = DescribedPredicate.describe(
            "are domain code (deciders and sealed command, event, state and rejection families)",
            type -> type.getSimpleName().endsWith("Decider")
                    || type.getAllRawInterfaces().stream()
                            .anyMatch(i -> i.getName().equals(CORE + ".eventsourcing.Decider"))
                    || isFamily(type)
                    || type.getEnclosingClass()
                            .filter(ArchitectureTest::isFamily)
                            .isPresent());

    private static boolean isFamily(JavaClass type) {
        return type.isInterface()
                && type.getSimpleName().matches(".*(Command|Event|State|Rejection)")
                && type.reflect().isSealed();
    }

    /**
     * What domain code must not see: a port (an interface that is not sealed, other than the engine's own few), an
     * application service or reactor, the rest of the event-sourcing engine, and the in-memory adapters.
     */
    private static final DescribedPredicate<JavaClass> PORT_SERVICE_OR_ADAPTER = DescribedPredicate.describe(
            "are ports, services, reactors, the engine or adapters",
            type -> !ENGINE_FOR_THE_DOMAIN.contains(type.getName())
                    && (type.getPackageName().contains(".inmemory")
                            || type.getPackageName().endsWith(".eventsourcing")
                            || type.getSimpleName().matches(".*(Service|Reactor|Projector|Sender)")
                            || (type.isInterface()
                                    && !type.isAnnotation() // a marker such as @Published is no port
                                    && !type.reflect().isSealed()
                                    && !type.getPackageName().startsWith("java"))));

    static ArchRule dependsOnTheJdkJspecifyAndTheCoreOnly(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.jspecify..", CORE + "..", root + "..")
                .because("the core is framework-free: adapters bring the libraries");
    }

    static ArchRule coreNeverTouchesJdbcOrJavaxOrLogging() {
        return noClasses()
                .that()
                .resideInAPackage(CORE + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax..", "java.util.logging..", "java.rmi..");
    }

    static ArchRule domainNeverTouchesPortsServicesOrAdapters(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and(DOMAIN)
                .should()
                .dependOnClassesThat(PORT_SERVICE_OR_ADAPTER)
                .because("the domain is pure: ports, services and adapters depend on it, never the reverse");
    }

    private static final Set<String> CLOCK_OWNERS = Set.of(
            "java.time.Instant",
            "java.time.LocalDate",
            "java.time.LocalDateTime",
            "java.time.LocalTime",
            "java.time.OffsetDateTime",
            "java.time.ZonedDateTime",
            "java.time.Year",
            "java.time.YearMonth");

    private static final DescribedPredicate<JavaMethodCall> READS_A_CLOCK_OR_RANDOMNESS =
            DescribedPredicate.describe("reads a clock or a random source", call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                return (CLOCK_OWNERS.contains(owner) && name.equals("now"))
                        || (owner.equals("java.util.UUID") && name.equals("randomUUID"))
                        || (owner.equals("java.lang.System")
                                && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
                        || (owner.equals("java.time.Clock") && name.startsWith("system"))
                        || (owner.equals("java.lang.Math") && name.equals("random"))
                        || (owner.equals("java.lang.StrictMath") && name.equals("random"))
                        || (owner.equals("java.util.concurrent.ThreadLocalRandom") && name.equals("current"));
            });

    private static final DescribedPredicate<JavaConstructorCall> CREATES_A_RANDOM_SOURCE = DescribedPredicate.describe(
            "creates a random source", call -> call.getTargetOwner().isAssignableTo(RandomGenerator.class));

    static ArchRule domainReadsNoClockAndNoRandomness(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and(DOMAIN)
                .should()
                .callMethodWhere(READS_A_CLOCK_OR_RANDOMNESS)
                .orShould()
                .callConstructorWhere(CREATES_A_RANDOM_SOURCE)
                .because("time and ids arrive on commands, so deciders stay pure and tests compare whole events");
    }

    private static final DescribedPredicate<JavaClass> MEMBER_OF_A_SEALED_FAMILY = DescribedPredicate.describe(
            "are nested in a sealed *Command, *Event, *State or *Rejection interface",
            type -> !type.isInterface()
                    && type.getEnclosingClass()
                            .filter(family -> family.isInterface()
                                    && family.getSimpleName().matches(".*(Command|Event|State|Rejection)")
                                    && family.reflect().isSealed())
                            .isPresent());

    private static final ArchCondition<JavaClass> BE_RECORDS = new ArchCondition<>("be records") {
        @Override
        public void check(JavaClass type, ConditionEvents events) {
            boolean record = type.getRawSuperclass()
                    .map(superclass -> superclass.isEquivalentTo(Record.class))
                    .orElse(false);
            events.add(new SimpleConditionEvent(
                    type, record, type.getName() + (record ? " is" : " is not") + " a record"));
        }
    };

    static ArchRule familiesAreRecords(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .and(MEMBER_OF_A_SEALED_FAMILY)
                .should(BE_RECORDS)
                .because("commands, events, states and rejections are immutable values compared by value");
    }

    /** The service packages under a root: each may reach another only through what that one publishes. */
    private static final List<String> SERVICES = List.of("ordering", "basket", "finance", "notification");

    private static @Nullable String serviceOf(String root, JavaClass type) {
        for (String service : SERVICES) {
            String name = root + "." + service;
            if (type.getPackageName().equals(name) || type.getPackageName().startsWith(name + ".")) {
                return service;
            }
        }
        return null;
    }

    /** Published (by the type or a type it is nested in) or a port (an interface that is not sealed). */
    private static boolean publishedOrPort(JavaClass type) {
        for (JavaClass current = type; ; current = current.getEnclosingClass().orElseThrow()) {
            if (current.isAnnotatedWith(Published.class)
                    || (current.isInterface()
                            && !current.isAnnotation()
                            && !current.reflect().isSealed())) {
                return true;
            }
            if (current.getEnclosingClass().isEmpty()) {
                return false;
            }
        }
    }

    private static ArchCondition<JavaClass> useOtherServicesOnlyThroughWhatTheyPublish(String root) {
        return new ArchCondition<>("use another service only through its published messages and its ports") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String mine = serviceOf(root, type);
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String theirs = serviceOf(root, target);
                    if (mine != null && theirs != null && !theirs.equals(mine) && !publishedOrPort(target)) {
                        events.add(SimpleConditionEvent.violated(
                                type, dependency.getDescription() + ": " + target.getName() + " is not published"));
                    }
                }
            }
        };
    }

    static ArchRule servicesMeetOnlyThroughPublishedMessagesAndPorts(String root) {
        return classes()
                .that()
                .resideInAnyPackage(
                        SERVICES.stream().map(s -> root + "." + s + "..").toArray(String[]::new))
                .should(useOtherServicesOnlyThroughWhatTheyPublish(root))
                .because("services meet only through published messages and small ports (issue 13, ADR 0027)");
    }

    /** The composition sees every service (ADR 0028); a service that saw it would see every other one through it. */
    static ArchRule servicesNeverDependOnTheComposition(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(
                        SERVICES.stream().map(s -> root + "." + s + "..").toArray(String[]::new))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".composition..")
                .because("the composition builds the services; no service depends on it (ADR 0028)");
    }

    static ArchRule noStandardStreams() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
    }

    static ArchRule noGenericExceptions() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
    }

    static ArchRule noJavaUtilLogging() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
    }

    @Test
    void the_core_depends_on_the_jdk_jspecify_and_itself_only() {
        dependsOnTheJdkJspecifyAndTheCoreOnly(CORE).check(MAIN);
        coreNeverTouchesJdbcOrJavaxOrLogging().check(MAIN);
    }

    @Test
    void domain_code_never_touches_ports_services_the_engine_or_adapters() {
        domainNeverTouchesPortsServicesOrAdapters(CORE).check(MAIN);
    }

    @Test
    void domain_code_reads_no_clock_and_no_random_source() {
        domainReadsNoClockAndNoRandomness(CORE).check(MAIN);
    }

    @Test
    void every_command_event_state_and_rejection_is_a_record() {
        familiesAreRecords(CORE).check(MAIN);
        var members = MAIN.stream()
                .filter(MEMBER_OF_A_SEALED_FAMILY)
                .map(JavaClass::getSimpleName)
                .toList();
        assertThat(members)
                .contains("PlaceOrder", "OrderPlaced", "Placed", "NotAllowed", "CreateBuyer", "BuyerDeleted");
    }

    @Test
    void core_code_prints_nothing_logs_through_no_java_util_logging_and_throws_no_generic_exceptions() {
        noStandardStreams().check(MAIN);
        noJavaUtilLogging().check(MAIN);
        noGenericExceptions().check(MAIN);
    }

    @Test
    void services_meet_only_through_published_messages_and_ports() {
        servicesMeetOnlyThroughPublishedMessagesAndPorts(CORE).check(MAIN);
    }

    @Test
    void no_service_depends_on_the_composition() {
        servicesNeverDependOnTheComposition(CORE).check(MAIN);
    }

    @Test
    void every_rule_catches_its_violation_in_the_broken_fixture() {
        String root = "org.bookworm.ordering.archfixture";
        assertThat(dependsOnTheJdkJspecifyAndTheCoreOnly(root)
                        .evaluate(BROKEN)
                        .getFailureReport()
                        .getDetails())
                .anyMatch(line -> line.contains("org.junit.jupiter.api.Assertions"));
        assertThat(domainNeverTouchesPortsServicesOrAdapters(root)
                        .evaluate(BROKEN)
                        .getFailureReport()
                        .getDetails())
                .anyMatch(line -> line.contains("StreamId"));
        assertThat(domainReadsNoClockAndNoRandomness(root)
                        .evaluate(BROKEN)
                        .getFailureReport()
                        .getDetails())
                .anyMatch(line -> line.contains("Instant.now()"))
                .anyMatch(line -> line.contains("UUID.randomUUID()"))
                .anyMatch(line -> line.contains("Random.<init>()"));
        assertThat(familiesAreRecords(root).evaluate(BROKEN).getFailureReport().getDetails())
                .containsExactly("org.bookworm.ordering.archfixture.widget.WidgetEvent$WidgetBroken is not a record");
        assertThat(servicesMeetOnlyThroughPublishedMessagesAndPorts(root)
                        .evaluate(BROKEN)
                        .getFailureReport()
                        .getDetails())
                .anyMatch(line -> line.contains("GadgetService is not published"))
                .anyMatch(line -> line.contains("GadgetState$Held is not published"))
                .noneMatch(line -> line.contains("Gadgets is not published"))
                .noneMatch(line -> line.contains("GadgetReserved is not published"));
        assertThat(servicesNeverDependOnTheComposition(root)
                        .evaluate(BROKEN)
                        .getFailureReport()
                        .getDetails())
                .anyMatch(line -> line.contains("GadgetOrders") && line.contains("GadgetGraph"));
        assertThat(noStandardStreams().evaluate(BROKEN).hasViolation()).isTrue();
        assertThat(noGenericExceptions().evaluate(BROKEN).hasViolation()).isTrue();
    }
}
