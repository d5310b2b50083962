package io.mtlboard.benchmark.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the streaming scorers (METRICS.md §1): a perfect prediction scores 100 % / zero
 * error, and the result over a split does not depend on how it is cut into batches or on their order.
 * Each property is checked on many seeded random splits (the seed is in the test name, so a failure
 * reproduces).
 */
class TaskScorerPropertiesTest {

    private static final int H = 3;
    private static final int W = 4;
    private static final int K = 4;

    /** One random sample for each kind: [output, target] per sample. */
    private record Split(String kind, List<float[][]> samples) {}

    private static Split split(String kind, int n, long seed) {
        Random r = new Random(seed);
        List<float[][]> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(
                    switch (kind) {
                        case "classification" -> new float[][] {gaussian(r, K), {r.nextInt(K)}};
                        case "segmentation" ->
                                new float[][] {gaussian(r, K * H * W), labels(r, H * W)};
                        case "depth" ->
                                new float[][] {
                                    uniform(r, H * W, 0.5f, 5f),
                                    sparse(r, uniform(r, H * W, 0.5f, 5f))
                                };
                        default ->
                                new float[][] {
                                    gaussian(r, 3 * H * W), sparse(r, gaussian(r, 3 * H * W))
                                };
                    });
        }
        return new Split(kind, samples);
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static float[] uniform(Random r, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextFloat();
        }
        return v;
    }

    private static float[] labels(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(10) == 0 ? -1 : r.nextInt(K);
        }
        return v;
    }

    /** Zeroes about a fifth of the pixels (of every channel for normals) to exercise validity. */
    private static float[] sparse(Random r, float[] v) {
        int pixels = H * W;
        for (int p = 0; p < pixels; p++) {
            if (r.nextInt(5) == 0) {
                for (int c = p; c < v.length; c += pixels) {
                    v[c] = 0;
                }
            }
        }
        return v;
    }

    private static TaskScorer scorer(String kind) {
        return TaskScorer.forKind(kind, K, -1, H, W);
    }

    private static Map<String, Double> score(
            String kind, List<float[][]> samples, List<Integer> cuts) {
        TaskScorer scorer = scorer(kind);
        int from = 0;
        for (int to : cuts) {
            scorer.add(concat(samples.subList(from, to), 0), concat(samples.subList(from, to), 1));
            from = to;
        }
        return scorer.values();
    }

    private static float[] concat(List<float[][]> samples, int part) {
        int n = samples.stream().mapToInt(s -> s[part].length).sum();
        float[] all = new float[n];
        int at = 0;
        for (float[][] s : samples) {
            System.arraycopy(s[part], 0, all, at, s[part].length);
            at += s[part].length;
        }
        return all;
    }

    private static List<Integer> randomCuts(int n, Random r) {
        List<Integer> cuts = new ArrayList<>();
        int at = 0;
        while (at < n) {
            at = Math.min(n, at + 1 + r.nextInt(5));
            cuts.add(at);
        }
        return cuts;
    }

    private static void assertSame(Map<String, Double> a, Map<String, Double> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach(
                (k, v) ->
                        assertThat(b.get(k))
                                .as(k)
                                .isCloseTo(v, within(1e-9 * Math.max(1, Math.abs(v)))));
    }

    static Stream<Arguments> randomSplits() {
        Random r = new Random(20240601L);
        return Stream.of("classification", "segmentation", "depth", "normals")
                .flatMap(
                        kind ->
                                IntStream.range(0, 10)
                                        .mapToObj(
                                                i ->
                                                        Arguments.of(
                                                                kind,
                                                                1 + r.nextInt(25),
                                                                r.nextLong())));
    }

    static Stream<Arguments> seeds() {
        Random r = new Random(7L);
        return IntStream.range(0, 10).mapToObj(i -> Arguments.of(1 + r.nextInt(10), r.nextLong()));
    }

    @ParameterizedTest(name = "{0}, {1} samples, seed {2}")
    @MethodSource("randomSplits")
    void shouldNotDependOnBatchingOrOrder(String kind, int n, long seed) {
        Split split = split(kind, n, seed);
        Map<String, Double> whole = score(kind, split.samples(), List.of(n));
        Random r = new Random(seed ^ 0x5DEECE66DL);
        List<float[][]> shuffled = new ArrayList<>(split.samples());
        Collections.shuffle(shuffled, r);
        assertSame(whole, score(kind, split.samples(), randomCuts(n, r)));
        assertSame(whole, score(kind, shuffled, randomCuts(n, r)));
    }

    @ParameterizedTest(name = "{0} samples, seed {1}")
    @MethodSource("seeds")
    void shouldScorePerfectPredictionsAsPerfect(int n, long seed) {
        Split cls = split("classification", n, seed);
        ClassificationAccuracy acc = new ClassificationAccuracy(K);
        cls.samples().forEach(s -> acc.add(new int[] {(int) s[1][0]}, new int[] {(int) s[1][0]}));
        assertThat(acc.accuracy()).isEqualTo(100.0);

        SegmentationScores seg = new SegmentationScores(K, -1, H, W);
        split("segmentation", n, seed).samples().forEach(s -> seg.add(toInts(s[1]), toInts(s[1])));
        assertThat(seg.meanIoU()).isEqualTo(100.0);
        assertThat(seg.pixelAccuracy()).isEqualTo(100.0);

        DepthErrors depth = new DepthErrors();
        split("depth", n, seed).samples().forEach(s -> depth.add(s[1], s[1]));
        assertThat(depth.absErr()).isZero();
        assertThat(depth.relErr()).isZero();

        NormalErrors normals = new NormalErrors(H, W);
        split("normals", n, seed).samples().forEach(s -> normals.add(scaled(s[1], 3f), s[1]));
        assertThat(normals.mean()).isCloseTo(0.0, within(1e-4));
        assertThat(normals.median()).isCloseTo(0.0, within(1e-4));
        assertThat(normals.within(11.25)).isEqualTo(100.0);
        assertThat(normals.within(30.0)).isEqualTo(100.0);
    }

    private static int[] toInts(float[] v) {
        return Targets.classIndices(v);
    }

    private static float[] scaled(float[] v, float k) {
        float[] out = Arrays.copyOf(v, v.length);
        for (int i = 0; i < out.length; i++) {
            out[i] *= k;
        }
        return out;
    }
}
