package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a protocol's bundles show: recorded convergence, late rise, the lr sweep; values by hand. */
class ProtocolEvidenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BenchmarkManifest manifest() throws IOException {
        return BenchmarkManifestReader.read(Path.of("benchmarks-data/multifashion/benchmark.json"));
    }

    private static ReferenceProtocol protocol() throws IOException {
        return ReferenceProtocol.read(Path.of("benchmarks-data"), "multifashion", "mf-lenet5-v2");
    }

    /** A bundle with the given validation curves, checkpoint epochs and recorded convergence. */
    private static void bundle(
            Path file,
            String hash,
            String method,
            String level,
            String optimizer,
            int seed,
            double lr,
            double[] left,
            double[] right,
            int[] checkpoint,
            Boolean converged)
            throws IOException {
        List<Map<String, Object>> log = new ArrayList<>();
        for (int e = 0; e < left.length; e++) {
            log.add(
                    Map.of(
                            "epoch",
                            e + 1,
                            "validation",
                            Map.of("left.accuracy", left[e], "right.accuracy", right[e])));
        }
        Map<String, Object> convergence = new LinkedHashMap<>();
        convergence.put(
                "tasks", Map.of("left", Map.of("change", -0.55), "right", Map.of("change", 0.12)));
        convergence.put("checkpointEpoch", Map.of("left", checkpoint[0], "right", checkpoint[1]));
        if (converged != null) {
            convergence.put("converged", converged);
        }
        Map<String, Object> b =
                Map.of(
                        "protocol",
                        Map.of("hash", hash),
                        "manifest",
                        Map.of(
                                "method",
                                method,
                                "gradientLevel",
                                level,
                                "optimizer",
                                optimizer,
                                "seed",
                                seed,
                                "hyperParameters",
                                Map.of("lr", lr),
                                "trainingLog",
                                log),
                        "training",
                        Map.of("convergence", convergence));
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), b);
    }

    /**
     * A converged SGD run of two epochs whose checkpoint (epoch 2) has validation values {@code
     * left} and {@code right}.
     */
    private static void sgdRun(
            Path file,
            String hash,
            String method,
            String level,
            int seed,
            double lr,
            double left,
            double right)
            throws IOException {
        bundle(
                file,
                hash,
                method,
                level,
                "sgd",
                seed,
                lr,
                new double[] {70, left},
                new double[] {70, right},
                new int[] {2, 2},
                true);
    }

    /**
     * An SGD sweep of EW and single-task at seed 0 over the grid 0.01, 0.03, 0.1, with checkpoint
     * values (epoch 2) ew (84, 83) (83, 82) (80, 80) and stl (80, 80) (84, 83) (82, 81): EW's lowest
     * rate scores best, single-task's middle one.
     */
    private static void sgdSweep(Path dir, ReferenceProtocol p) throws IOException {
        double[][] ew = {{84, 83}, {83, 82}, {80, 80}};
        double[][] stl = {{80, 80}, {84, 83}, {82, 81}};
        double[] grid = {0.01, 0.03, 0.1};
        for (int i = 0; i < grid.length; i++) {
            sgdRun(
                    dir.resolve("lr-sweep/ew" + i + ".json"),
                    p.hash(),
                    "ew",
                    "param",
                    0,
                    grid[i],
                    ew[i][0],
                    ew[i][1]);
            sgdRun(
                    dir.resolve("lr-sweep/stl" + i + ".json"),
                    p.hash(),
                    "stl",
                    "param",
                    0,
                    grid[i],
                    stl[i][0],
                    stl[i][1]);
        }
    }

    @Test
    void shouldShowTheRecordedCriterionTheLateRiseAndTheSweep(@TempDir Path dir)
            throws IOException {
        ReferenceProtocol p = protocol();
        // left: best before the last five epochs 85 (epoch 3), best overall 87 -> late rise +2;
        // right: 75 before, 76 overall -> +1
        double[] left = {70, 80, 85, 84, 86, 85, 87, 86};
        double[] right = {60, 70, 75, 76, 74, 73, 72, 71};
        bundle(
                dir.resolve("a.json"),
                p.hash(),
                "mgda",
                "feature",
                "adam",
                0,
                0.003,
                left,
                right,
                new int[] {7, 4},
                false);
        // past its peak: falls after epoch 2, late rise 0 for both tasks
        double[] falling = {80, 90, 89, 88, 87, 86, 85, 84};
        bundle(
                dir.resolve("b.json"),
                p.hash(),
                "stl",
                "param",
                "adam",
                0,
                0.003,
                falling,
                falling,
                new int[] {2, 2},
                true);
        // too short for a late rise; no recorded verdict
        bundle(
                dir.resolve("c.json"),
                p.hash(),
                "ew",
                "param",
                "sgd",
                1,
                0.03,
                new double[] {1, 2, 3},
                new double[] {1, 2, 3},
                new int[] {3, 3},
                null);
        // another protocol's bundle is not this protocol's evidence
        bundle(
                dir.resolve("d.json"),
                "another",
                "ew",
                "param",
                "adam",
                0,
                0.003,
                left,
                right,
                new int[] {7, 4},
                true);
        // the sweep: ew with adam at two rates, checkpoint values (84, 82) and (86, 80)
        double[] a1 = {80, 84, 83, 83, 83, 83, 83, 83};
        double[] a2 = {80, 82, 81, 81, 81, 81, 81, 81};
        bundle(
                dir.resolve("lr-sweep/ew1.json"),
                p.hash(),
                "ew",
                "param",
                "adam",
                0,
                0.001,
                a1,
                a2,
                new int[] {2, 2},
                false);
        double[] b1 = {80, 81, 82, 83, 84, 85, 86, 85};
        double[] b2 = {79, 80, 79, 79, 79, 79, 79, 79};
        bundle(
                dir.resolve("lr-sweep/ew3.json"),
                p.hash(),
                "ew",
                "param",
                "adam",
                0,
                0.003,
                b1,
                b2,
                new int[] {7, 2},
                false);

        ProtocolEvidence e = ProtocolEvidence.read(dir, p, manifest());

        assertThat(e.tasks()).containsExactly("left", "right");
        assertThat(e.runs()).hasSize(3);
        assertThat(e.converged()).isEqualTo(1);
        // adam before sgd; single-task first within an optimizer
        assertThat(e.runs())
                .extracting(ProtocolEvidence.RunRow::method)
                .containsExactly("stl", "mgda", "ew");
        ProtocolEvidence.RunRow mgda = e.runs().get(1);
        assertThat(mgda.level()).isEqualTo("feature");
        assertThat(mgda.lr()).isEqualTo(0.003);
        assertThat(mgda.converged()).isFalse();
        assertThat(mgda.tasks().get(0).lateRise()).isCloseTo(2.0, within(1e-12));
        assertThat(mgda.tasks().get(1).lateRise()).isCloseTo(1.0, within(1e-12));
        assertThat(mgda.tasks().get(0).change()).isEqualTo(-0.55);
        assertThat(mgda.tasks().get(0).checkpointEpoch()).isEqualTo(7);
        assertThat(mgda.tasks().get(1).checkpointEpoch()).isEqualTo(4);
        ProtocolEvidence.RunRow stl = e.runs().get(0);
        assertThat(stl.converged()).isTrue();
        assertThat(stl.tasks().get(0).lateRise()).isEqualTo(0.0);
        ProtocolEvidence.RunRow shortRun = e.runs().get(2);
        assertThat(shortRun.converged()).isNull();
        assertThat(shortRun.tasks().get(0).lateRise()).isNaN();

        // scores: scale left (84 + 86) / 2 = 85, right (82 + 80) / 2 = 81;
        // 0.001: (84/85 + 82/81) / 2 = 1.000290..., 0.003: (86/85 + 80/81) / 2 = 0.999709...
        assertThat(e.sweep()).hasSize(1);
        SweepRow ew = e.sweep().get(0);
        assertThat(ew.optimizer()).isEqualTo("adam");
        assertThat(ew.method()).isEqualTo("ew");
        assertThat(ew.candidates())
                .extracting(SweepRow.Candidate::lr)
                .containsExactly(0.001, 0.003);
        assertThat(ew.candidates().get(0).score())
                .isCloseTo((84.0 / 85 + 82.0 / 81) / 2, within(1e-12));
        assertThat(ew.candidates().get(1).score())
                .isCloseTo((86.0 / 85 + 80.0 / 81) / 2, within(1e-12));
        assertThat(ew.candidates())
                .extracting(SweepRow.Candidate::chosen)
                .containsExactly(true, false);
        // late rise, largest over tasks: 0.001 none (84 at epoch 2); 0.003 left 86 against 82 -> +4
        assertThat(ew.candidates().get(0).lateRise()).isEqualTo(0.0);
        assertThat(ew.candidates().get(1).lateRise()).isCloseTo(4.0, within(1e-12));
        // two of the grid's four adam rates run: provisional, so no edge is claimed
        assertThat(ew.grid()).isEqualTo(4);
        assertThat(ew.complete()).isFalse();
        assertThat(ew.chosenRate()).isEqualTo(0.001);
        assertThat(ew.edge()).isNull();
        assertThat(e.completeSweeps()).isEmpty();
        assertThat(e.sweepsAtEdge()).isEmpty();
    }

    @Test
    void shouldNameCompleteSweepsThatChoseTheEdgeOfTheirGrid(@TempDir Path dir) throws IOException {
        ReferenceProtocol p = protocol();
        assertThat(p.sweepGrid().get("sgd")).containsExactly(0.01, 0.03, 0.1);
        sgdSweep(dir, p);

        ProtocolEvidence e = ProtocolEvidence.read(dir, p, manifest());

        assertThat(e.completeSweeps())
                .extracting(SweepRow::method)
                .containsExactlyInAnyOrder("ew", "stl");
        assertThat(e.sweepsAtEdge())
                .singleElement()
                .satisfies(
                        w -> {
                            assertThat(w.method()).isEqualTo("ew");
                            assertThat(w.chosenRate()).isEqualTo(0.01);
                            assertThat(w.edge()).isEqualTo("lowest");
                        });
        // no protocol runs yet: no seed std, so no verdict on the margin
        assertThat(e.sweepsWithSeedStd()).isEmpty();
        assertThat(e.sweep()).allSatisfy(w -> assertThat(w.withinNoise()).isNull());
    }

    @Test
    void shouldTellWhetherASweepChoseBeyondSeedNoise(@TempDir Path dir) throws IOException {
        ReferenceProtocol p = protocol();
        // the sweep of sgdSweep: ew chooses 0.01, stl 0.03
        sgdSweep(dir, p);
        // protocol runs at the chosen rates: ew at 0.01 offset by 0, -1, +1 points in both tasks,
        // stl at 0.03 by 0, +0.1, -0.1; a run at another rate and a feature-level run are not
        // the chosen rate's seeds
        double[] ewOffsets = {0, -1, 1};
        double[] stlOffsets = {0, 0.1, -0.1};
        for (int seed = 0; seed < 3; seed++) {
            sgdRun(
                    dir.resolve("ew" + seed + ".json"),
                    p.hash(),
                    "ew",
                    "param",
                    seed,
                    0.01,
                    84 + ewOffsets[seed],
                    83 + ewOffsets[seed]);
            sgdRun(
                    dir.resolve("stl" + seed + ".json"),
                    p.hash(),
                    "stl",
                    "param",
                    seed,
                    0.03,
                    84 + stlOffsets[seed],
                    83 + stlOffsets[seed]);
        }
        sgdRun(dir.resolve("ew-other-rate.json"), p.hash(), "ew", "param", 3, 0.03, 50, 50);
        sgdRun(dir.resolve("ew-feature.json"), p.hash(), "ew", "feature", 4, 0.01, 50, 50);

        ProtocolEvidence e = ProtocolEvidence.read(dir, p, manifest());

        // ew: scales (84 + 83 + 80) / 3 and (83 + 82 + 80) / 3; the margin of 0.01 over 0.03 is
        // one point in each task, (1 / L + 1 / R) / 2, and the seed std of offsets 0, -1, 1 is
        // 1 point, the same amount: the margin is below twice it
        double l = 247.0 / 3;
        double r = 245.0 / 3;
        SweepRow ewRow =
                e.sweep().stream().filter(w -> w.method().equals("ew")).findFirst().orElseThrow();
        assertThat(ewRow.margin()).isCloseTo((1 / l + 1 / r) / 2, within(1e-12));
        assertThat(ewRow.seedStd()).isCloseTo((1 / l + 1 / r) / 2, within(1e-12));
        assertThat(ewRow.seedRuns()).isEqualTo(3);
        assertThat(ewRow.withinNoise()).isTrue();
        // stl: scales 82 and 244 / 3; 0.03 leads 0.1 by 2 points in each task, the seed std is
        // 0.1 point: beyond noise
        double ls = 82;
        double rs = 244.0 / 3;
        SweepRow stlRow =
                e.sweep().stream().filter(w -> w.method().equals("stl")).findFirst().orElseThrow();
        assertThat(stlRow.chosenRate()).isEqualTo(0.03);
        assertThat(stlRow.margin()).isCloseTo((2 / ls + 2 / rs) / 2, within(1e-12));
        assertThat(stlRow.seedStd()).isCloseTo(0.1 * (1 / ls + 1 / rs) / 2, within(1e-12));
        assertThat(stlRow.withinNoise()).isFalse();
        assertThat(e.sweepsWithSeedStd()).hasSize(2);
        assertThat(e.sweepsWithinNoise()).containsExactly(ewRow);
    }

    @Test
    void shouldTellRunsPastTheirPeakFromRunsStillImproving(@TempDir Path dir) throws IOException {
        ReferenceProtocol p = protocol();
        assertThat(p.convergenceThreshold()).isEqualTo(0.3);
        // misses the criterion but past its peak: best 90 at epoch 2, late rise 0 in both tasks
        double[] falling = {80, 90, 89, 88, 87, 86, 85, 84};
        bundle(
                dir.resolve("a.json"),
                p.hash(),
                "ew",
                "param",
                "adam",
                0,
                0.003,
                falling,
                falling,
                new int[] {2, 2},
                false);
        // misses it, left past its peak, right rose by 0.29 < 0.3 over the last five epochs
        double[] slow = {80, 81, 82, 82.01, 82.1, 82.2, 82.25, 82.29};
        bundle(
                dir.resolve("b.json"),
                p.hash(),
                "mgda",
                "param",
                "adam",
                0,
                0.003,
                falling,
                slow,
                new int[] {2, 8},
                false);
        // misses it and still improving: right rose by 0.5 (82.5 against 82.0)
        double[] rising = {80, 81, 82, 81, 81, 81, 81, 82.5};
        bundle(
                dir.resolve("c.json"),
                p.hash(),
                "pcgrad",
                "param",
                "adam",
                0,
                0.003,
                falling,
                rising,
                new int[] {2, 8},
                false);
        // meets it: counted in neither
        bundle(
                dir.resolve("d.json"),
                p.hash(),
                "stl",
                "param",
                "adam",
                0,
                0.003,
                falling,
                falling,
                new int[] {2, 2},
                true);

        ProtocolEvidence e = ProtocolEvidence.read(dir, p, manifest());

        assertThat(e.converged()).isEqualTo(1);
        assertThat(e.threshold()).isEqualTo(0.3);
        assertThat(e.plateaued()).isEqualTo(2);
        assertThat(e.stillRising()).isEqualTo(1);
        assertThat(ProtocolEvidence.unreadable("x").plateaued()).isZero();
    }

    @Test
    void shouldListASweepRunWithoutAReadableCurveWithAnUnknownLateRise(@TempDir Path dir)
            throws IOException {
        ReferenceProtocol p = protocol();
        // a sweep bundle whose log is too short for a late rise still shows with its score
        bundle(
                dir.resolve("lr-sweep/a.json"),
                p.hash(),
                "ew",
                "param",
                "adam",
                0,
                0.001,
                new double[] {80, 84},
                new double[] {80, 82},
                new int[] {2, 2},
                false);
        ProtocolEvidence e = ProtocolEvidence.read(dir, p, manifest());
        assertThat(e.sweep().get(0).candidates().get(0).lateRise()).isNaN();
        assertThat(e.problem()).isNull();
    }

    private static ProtocolEvidence.RunRow run(
            String method, String level, String optimizer, int seed) {
        return new ProtocolEvidence.RunRow(method, level, optimizer, seed, 1e-3, List.of(), true);
    }

    @Test
    void shouldCountTheSeedsOfEveryMethodAndLevelAndNameTheMethodsPairedWithTheirTargetSeeds() {
        List<ProtocolEvidence.RunRow> runs = new ArrayList<>();
        for (int seed = 0; seed < 5; seed++) {
            runs.add(run("stl", "param", "adam", seed));
        }
        for (int seed = 0; seed < 3; seed++) {
            runs.add(run("ew", "param", "adam", seed)); // 3 of its target 5
            runs.add(run("mgda", "param", "adam", seed));
            runs.add(run("mgda", "feature", "adam", seed)); // paired with 3 seeds each
            runs.add(run("pcgrad", "param", "adam", seed));
        }
        runs.add(run("pcgrad", "feature", "adam", 0)); // paired, but one seed at the feature level
        runs.add(run("pcgrad", "feature", "adam", 2));
        runs.add(run("mgda", "param", "sgd", 1));
        ProtocolEvidence e = new ProtocolEvidence(List.of("a"), List.of(), runs, 0, 0.3, null);
        StudyCoverage c = e.coverage();
        assertThat(c.columns()).containsExactly("adam · param", "adam · feature", "sgd · param");
        assertThat(c.rows())
                .extracting(StudyCoverage.Row::method)
                .containsExactly("stl", "ew", "mgda", "pcgrad");
        StudyCoverage.Row stl = c.rows().get(0);
        assertThat(stl.target()).isEqualTo(5);
        assertThat(stl.cells().get(0).seeds()).containsExactly(0, 1, 2, 3, 4);
        assertThat(stl.cells().get(0).met()).isTrue();
        assertThat(stl.cells().get(1).seeds()).isEmpty();
        StudyCoverage.Row ew = c.rows().get(1);
        assertThat(ew.cells().get(0).met()).isFalse(); // 3 of 5
        StudyCoverage.Row pcgrad = c.rows().get(3);
        assertThat(pcgrad.cells().get(1).seeds()).containsExactly(0, 2);
        assertThat(pcgrad.cells().get(1).met()).isFalse();
        StudyCoverage.Row mgda = c.rows().get(2);
        assertThat(mgda.cells().get(2).seeds()).containsExactly(1);
        assertThat(c.paired()).containsExactly("mgda");
    }

    @Test
    void shouldBeEmptyWithoutBundles(@TempDir Path dir) throws IOException {
        ProtocolEvidence e = ProtocolEvidence.read(dir.resolve("none"), protocol(), manifest());
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.converged()).isZero();
    }
}
