package io.mtlboard.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the code base, checked on every build (README, "Architecture"): no package
 * cycle, the maths packages import nothing of the application, pages render views and never
 * entities, DJL stays in the evaluation core, the trainer and the disentanglement maths, and the
 * run and its evaluations change only through the {@code run} package.
 */
class LayeringTest {

    /** Packages of pure maths: inputs and outputs are numbers and plain records. */
    static final String[] MATHS = {
        "io.mtlboard.analysis.disentanglement..",
        "io.mtlboard.analysis.gradients..",
        "io.mtlboard.analysis.grouping..",
        "io.mtlboard.analysis.pareto..",
        "io.mtlboard.analysis.ranking..",
        "io.mtlboard.analysis.robustness..",
        "io.mtlboard.benchmark.metric..",
        "io.mtlboard.training.method.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(new ImportOption.DoNotIncludeTests())
                        .importPackages("io.mtlboard");
    }

    @Test
    void noPackageCycles() {
        ArchRule rule = slices().matching("io.mtlboard.(**)").should().beFreeOfCycles();
        rule.check(classes);
    }

    @Test
    void mathsImportsNoApplicationPackage() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideInAnyPackage(MATHS)
                        .should()
                        .dependOnClassesThat(
                                describe(
                                        "are application classes outside the maths packages",
                                        c ->
                                                c.getPackageName().startsWith("io.mtlboard")
                                                        && !c.getPackageName()
                                                                .matches(
                                                                        "io\\.mtlboard\\.(analysis\\.(disentanglement|gradients"
                                                                                + "|grouping|pareto|ranking|robustness)|benchmark\\.metric|training\\.method)(\\..*)?")));
        rule.check(classes);
    }

    @Test
    void pagesRenderViewsNotEntities() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideInAPackage("io.mtlboard.web..")
                        .should()
                        .dependOnClassesThat()
                        .areAnnotatedWith(Entity.class);
        rule.check(classes);
    }

    @Test
    void djlOnlyInEvaluationTrainingAndDisentanglement() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideOutsideOfPackages(
                                "io.mtlboard.evaluation..",
                                "io.mtlboard.training..",
                                "io.mtlboard.analysis.disentanglement..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("ai.djl..");
        rule.check(classes);
    }

    @Test
    void trainingUsesOnlyTheEvaluationCore() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideInAPackage("io.mtlboard.training..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                "io.mtlboard.worker..",
                                "io.mtlboard.run..",
                                "io.mtlboard.leaderboard..",
                                "io.mtlboard.submission..",
                                "io.mtlboard.web..",
                                "io.mtlboard.imports..");
        rule.check(classes);
    }

    @Test
    void evaluationCoreKnowsNoWorker() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideInAPackage("io.mtlboard.evaluation..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                "io.mtlboard.worker..",
                                "io.mtlboard.run..",
                                "io.mtlboard.leaderboard..",
                                "io.mtlboard.submission..",
                                "io.mtlboard.web..");
        rule.check(classes);
    }

    @Test
    void runIsDownhillOfWorkerAndReadSide() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideInAPackage("io.mtlboard.run..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                "io.mtlboard.worker..",
                                "io.mtlboard.leaderboard..",
                                "io.mtlboard.analysis",
                                "io.mtlboard.web..",
                                "io.mtlboard.imports..");
        rule.check(classes);
    }

    @Test
    void onlyTheRunPackageWritesRunState() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideOutsideOfPackage("io.mtlboard.run")
                        .should()
                        .setFieldWhere(
                                describe(
                                        "the field belongs to a run entity (Run, RunClaim, Evaluation, "
                                                + "EvaluationMeasurement, CorruptionMeasurement)",
                                        (JavaFieldAccess a) ->
                                                a.getTargetOwner()
                                                                .getPackageName()
                                                                .equals("io.mtlboard.run")
                                                        && a.getTargetOwner()
                                                                .isAnnotatedWith(Entity.class)));
        rule.check(classes);
    }
}
