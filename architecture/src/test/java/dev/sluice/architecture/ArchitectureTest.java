package dev.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The architecture rules, checked over the main classes of every module: dependencies point one way
 * (examples → facades → io → Beam; the runner → Beam), the two facades never import each other,
 * public API packages keep internal types out of their public signatures, and no class holds a
 * public mutable static field.
 */
public class ArchitectureTest {
  private static JavaClasses sluice;

  @BeforeClass
  public static void importClasses() {
    sluice =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice");
  }

  @Test
  public void everyModuleIsImported() {
    for (String pkg :
        List.of(
            "dev.sluice.runners.microbatch",
            "dev.sluice.io.stream",
            "dev.sluice.structured",
            "dev.sluice.structured.internal.exec",
            "dev.sluice.dstream",
            "dev.sluice.examples")) {
      if (sluice.stream().noneMatch(c -> c.getPackageName().equals(pkg))) {
        throw new AssertionError("no classes of " + pkg + " on the test classpath");
      }
    }
  }

  @Test
  public void ioImportsNeitherFacadeNorRunner() {
    noClasses()
        .that()
        .resideInAPackage("dev.sluice.io..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sluice.structured..", "dev.sluice.dstream..", "dev.sluice.runners..")
        .because("io sits under both facades and finds the runner through Beam's registrar")
        .check(sluice);
  }

  @Test
  public void facadesNeverImportTheRunner() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.sluice.structured..", "dev.sluice.dstream..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sluice.runners..")
        .because("the facades run on any Beam runner, chosen by name at run time")
        .check(sluice);
  }

  @Test
  public void runnerImportsOnlyBeam() {
    noClasses()
        .that()
        .resideInAPackage("dev.sluice.runners..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sluice.io..",
            "dev.sluice.structured..",
            "dev.sluice.dstream..",
            "dev.sluice.examples..")
        .check(sluice);
  }

  @Test
  public void theFacadesNeverImportEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.sluice.structured..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sluice.dstream..")
        .check(sluice);
    noClasses()
        .that()
        .resideInAPackage("dev.sluice.dstream..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sluice.structured..")
        .check(sluice);
  }

  @Test
  public void examplesUseOnlyPublicApi() {
    noClasses()
        .that()
        .resideInAPackage("dev.sluice.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .because("users never need to import an internal class; the examples are what users copy")
        .check(sluice);
  }

  @Test
  public void publicSignaturesOfApiPackagesUseNoInternalType() {
    ArchRule rule =
        codeUnits()
            .that(arePublicApi())
            .should(useNoInternalTypeInTheirSignature())
            .because("users never need to import an internal class");
    rule.check(sluice);
    fields()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat(arePublicApiClasses())
        .should(haveNoInternalType())
        .check(sluice);
    classes().that(arePublicApiClasses()).should(extendNoInternalType()).check(sluice);
  }

  @Test
  public void noPublicMutableStaticFields() {
    fields().that().arePublic().and().areStatic().should().beFinal().check(sluice);
  }

  /**
   * The static fields of io and the facades that hold mutable state, each with the reason it may:
   * frozen (a new entry needs a reason here and a review; an entry whose field is gone fails the
   * test, so the list cannot rot). Driver-side state of a running query or DStream context lives in
   * its run's {@code RunContext}, reached through the one lookup below, never in a static map of
   * its own.
   */
  static final Map<String, String> MUTABLE_STATICS_ALLOWED =
      Map.of(
          "dev.sluice.io.context.RunContext.OPEN",
          "the one driver-JVM lookup: the open run contexts by run id, each from its run's start"
              + " to its stop (documented in RunContext and docs/structured-streaming.md)",
          "dev.sluice.io.memory.MemoryStream.NEXT_ID",
          "a counter of stream ids, unique in the JVM as Spark's MemoryStream ids (they name the"
              + " stream's columns in progress reports); holds no query's state",
          "dev.sluice.structured.StreamingSession.active",
          "Spark's SparkSession.active: the session getOrCreate() returns in this JVM",
          "dev.sluice.structured.internal.ApiAccess.door",
          "written once, by the API package's static initializer (the JDK's SharedSecrets pattern)",
          "dev.sluice.dstream.internal.ApiAccess.door",
          "written once, by the API package's static initializer (the JDK's SharedSecrets pattern)",
          "dev.sluice.dstream.StreamingContext.RECOVERING",
          "thread-confined: getOrCreate sets it around the call of the user's factory and clears"
              + " it after, on the caller's thread",
          "dev.sluice.structured.internal.expr.DateTimes.PARSERS",
          "a cache of compiled date-time parsers, a pure function of the pattern text",
          "dev.sluice.structured.internal.expr.DateTimes.FORMATTERS",
          "a cache of compiled date-time formatters, a pure function of the pattern text",
          "dev.sluice.structured.internal.expr.ScalarFunctions.PATTERNS",
          "a cache of compiled regular expressions, a pure function of the pattern text",
          "dev.sluice.structured.internal.plan.PlanColumns.IDS",
          "a counter of column ids, unique in the JVM as Spark's expression ids (they tell apart"
              + " a join's repeated names); holds no query's state");

  /** The code the rule covers: io (with io-kafka, io-parquet) and both facades, main classes. */
  private static boolean inIoOrAFacade(JavaClass c) {
    String p = c.getPackageName();
    return p.startsWith("dev.sluice.io")
        || p.startsWith("dev.sluice.structured")
        || p.startsWith("dev.sluice.dstream");
  }

  @Test
  public void noMutableStaticStateInIoAndTheFacadesButTheAllowedFields() throws Exception {
    List<String> violations = new ArrayList<>();
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (JavaClass c : sluice) {
      if (!inIoOrAFacade(c)) {
        continue;
      }
      for (JavaField f : c.getFields()) {
        if (!f.getModifiers().contains(JavaModifier.STATIC)
            || f.getModifiers().contains(JavaModifier.SYNTHETIC)
            || (f.getModifiers().contains(JavaModifier.FINAL) && f.getRawType().equals(c))) {
          continue; // enum constants and singletons are checked as the classes they are
        }
        String name = c.getName() + "." + f.getName();
        String why = mutableStatic(c, f);
        if (why == null) {
          continue;
        }
        seen.add(name);
        if (!MUTABLE_STATICS_ALLOWED.containsKey(name)) {
          violations.add(name + ": " + why);
        }
      }
    }
    for (String allowed : MUTABLE_STATICS_ALLOWED.keySet()) {
      if (!seen.contains(allowed)) {
        violations.add(allowed + ": allowed, but no longer a mutable static; drop its entry");
      }
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "Mutable static state in io or a facade (keep run state in the run's RunContext, make"
              + " constants unmodifiable, or add a reviewed entry to MUTABLE_STATICS_ALLOWED):\n  "
              + String.join("\n  ", violations));
    }
  }

  /** Why static field {@code f} of {@code c} holds mutable state, or null if it does not. */
  private static String mutableStatic(JavaClass c, JavaField f) throws Exception {
    if (!f.getModifiers().contains(JavaModifier.FINAL)) {
      return "not final";
    }
    JavaClass type = f.getRawType();
    boolean collection =
        type.isAssignableTo(java.util.Map.class) || type.isAssignableTo(java.util.Collection.class);
    boolean alwaysMutable =
        type.getPackageName().equals("java.util.concurrent.atomic")
            || type.isAssignableTo(ThreadLocal.class);
    if (alwaysMutable) {
      return "a " + type.getSimpleName();
    }
    if (!collection) {
      return null;
    }
    java.lang.reflect.Field field = Class.forName(c.getName()).getDeclaredField(f.getName());
    field.setAccessible(true);
    Object value = field.get(null);
    return value == null || unmodifiable(value)
        ? null
        : "a modifiable " + value.getClass().getName();
  }

  /** True for the JDK's and Guava's unmodifiable collections. */
  private static boolean unmodifiable(Object value) {
    String n = value.getClass().getName();
    return n.startsWith("java.util.ImmutableCollections$")
        || n.startsWith("java.util.Collections$Unmodifiable")
        || n.startsWith("java.util.Collections$Empty")
        || n.startsWith("java.util.Collections$Singleton")
        || n.matches(".*\\.common\\.collect\\.(Regular|Singleton|Empty)?Immutable.*");
  }

  private static boolean isInternal(JavaClass c) {
    return c.getPackageName().contains(".internal");
  }

  private static boolean isSluiceApi(JavaClass c) {
    return c.getPackageName().startsWith("dev.sluice.")
        && !isInternal(c)
        && c.getModifiers().contains(JavaModifier.PUBLIC)
        && (!c.isNestedClass() || isSluiceApi(c.getEnclosingClass().get()));
  }

  private static DescribedPredicate<JavaClass> arePublicApiClasses() {
    return DescribedPredicate.describe(
        "public classes outside internal packages", c -> isSluiceApi(c));
  }

  private static DescribedPredicate<JavaCodeUnit> arePublicApi() {
    return DescribedPredicate.describe(
        "public or protected members of public classes outside internal packages",
        u ->
            isSluiceApi(u.getOwner())
                && (u.getModifiers().contains(JavaModifier.PUBLIC)
                    || u.getModifiers().contains(JavaModifier.PROTECTED))
                && !u.getModifiers().contains(JavaModifier.SYNTHETIC));
  }

  private static List<JavaClass> involved(JavaType type) {
    return new ArrayList<>(type.getAllInvolvedRawTypes());
  }

  private static ArchCondition<JavaCodeUnit> useNoInternalTypeInTheirSignature() {
    return new ArchCondition<>("use no internal type in their signature") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        List<JavaClass> types = new ArrayList<>(involved(unit.getReturnType()));
        for (JavaType p : unit.getParameterTypes()) {
          types.addAll(involved(p));
        }
        for (JavaType t : unit.getExceptionTypes()) {
          types.addAll(involved(t));
        }
        for (JavaClass t : types) {
          if (isInternal(t)) {
            events.add(
                SimpleConditionEvent.violated(
                    unit, unit.getFullName() + " exposes internal type " + t.getName()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaField> haveNoInternalType() {
    return new ArchCondition<>("have no internal type") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        for (JavaClass t : involved(field.getType())) {
          if (isInternal(t)) {
            events.add(
                SimpleConditionEvent.violated(
                    field, field.getFullName() + " exposes internal type " + t.getName()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> extendNoInternalType() {
    return new ArchCondition<>("extend or implement no internal type") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaClass t : c.getAllRawSuperclasses()) {
          if (isInternal(t)) {
            events.add(SimpleConditionEvent.violated(c, c.getName() + " extends " + t.getName()));
          }
        }
        for (JavaClass t : c.getRawInterfaces()) {
          if (isInternal(t)) {
            events.add(
                SimpleConditionEvent.violated(c, c.getName() + " implements " + t.getName()));
          }
        }
      }
    };
  }
}
