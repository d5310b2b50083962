package io.mtlboard.benchmark.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed cases for the task scorers (METRICS.md §1). */
class TaskScorerTest {

    private static final double EPS = 1e-9;

    @Test
    void shouldCountArgMaxOfLogitsWithTiesToTheLowestClass() {
        ClassificationAccuracy acc = new ClassificationAccuracy(2);
        // rows: [1,2] -> 1 (right), [3,0] -> 0 (right), [0,0] -> tie -> 0 (wrong, target 1)
        acc.addLogits(new float[] {1, 2, 3, 0, 0, 0}, new int[] {1, 0, 1});
        assertThat(acc.accuracy()).isCloseTo(200.0 / 3.0, within(EPS));
        assertThat(acc.values()).containsOnlyKeys("accuracy");
    }

    @Test
    void shouldRejectAClassOutsideTheRange() {
        ClassificationAccuracy acc = new ClassificationAccuracy(3);
        assertThatThrownBy(() -> acc.add(new int[] {0}, new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldComputeMeanIoUAndPixelAccuracyFromTheConfusionMatrix() {
        // K = 3; target 0 0 1 1 2 ignore ; predicted 0 1 1 1 0 2
        // IoU0 = 1/(2+2-1) = 1/3, IoU1 = 2/(2+3-2) = 2/3, IoU2 = 0/(1+0-0) = 0 -> mIoU = 1/3
        SegmentationScores seg = new SegmentationScores(3, -1, 1, 6);
        seg.add(new int[] {0, 1, 1, 1, 0, 2}, new int[] {0, 0, 1, 1, 2, -1});
        assertThat(seg.meanIoU()).isCloseTo(100.0 / 3.0, within(EPS));
        assertThat(seg.pixelAccuracy()).isCloseTo(60.0, within(EPS));
        assertThat(seg.confusionMatrix()).isEqualTo(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 0}});
    }

    @Test
    void shouldLeaveClassesWithEmptyUnionOutOfTheMean() {
        SegmentationScores seg = new SegmentationScores(4, 255, 1, 6);
        seg.add(new int[] {0, 1, 1, 1, 0, 2}, new int[] {0, 0, 1, 1, 2, 255});
        assertThat(seg.meanIoU()).isCloseTo(100.0 / 3.0, within(EPS));
    }

    @Test
    void shouldTakeTheArgMaxChannelOfSegmentationLogits() {
        // one sample, K = 2, H = 1, W = 2: channel 0 = [5, 0], channel 1 = [1, 3] -> predicted [0,
        // 1]
        SegmentationScores seg = new SegmentationScores(2, -1, 1, 2);
        seg.add(new float[] {5, 0, 1, 3}, new float[] {0, 0});
        assertThat(seg.pixelAccuracy()).isCloseTo(50.0, within(EPS));
        assertThat(seg.meanIoU()).isCloseTo(25.0, within(EPS)); // IoU0 = 1/2, IoU1 = 0/1
    }

    @Test
    void shouldRejectTheIgnoreLabelWhenItIsAClass() {
        assertThatThrownBy(() -> new SegmentationScores(3, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAverageDepthErrorsOverPositiveGroundTruthOnly() {
        DepthErrors depth = new DepthErrors();
        depth.add(new float[] {1, 2, 3, 4}, new float[] {2, 0, 4, 5});
        assertThat(depth.absErr()).isCloseTo(1.0, within(EPS));
        assertThat(depth.relErr()).isCloseTo((0.5 + 0.25 + 0.2) / 3, within(EPS));
        assertThat(depth.count()).isEqualTo(3);
    }

    @Test
    void shouldHonourAnExplicitDepthMask() {
        DepthErrors depth = new DepthErrors();
        depth.add(new float[] {1, 2}, new float[] {2, 4}, new boolean[] {false, true});
        assertThat(depth.absErr()).isCloseTo(2.0, within(EPS));
        assertThat(depth.relErr()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void shouldWeighDepthErrorsByPixelsNotByBatch() {
        DepthErrors depth = new DepthErrors();
        depth.add(new float[] {1}, new float[] {2}); // one pixel, error 1
        depth.add(new float[] {1, 1, 1}, new float[] {1, 1, 1}); // three pixels, error 0
        assertThat(depth.absErr())
                .isCloseTo(0.25, within(EPS)); // per-batch averaging would give 0.5
    }

    @Test
    void shouldMeasureNormalAnglesOnNonZeroGroundTruth() {
        // H = 1, W = 4, layout 3 × H × W. Angles: 45°, 0°, 20°, and one invalid pixel.
        double c20 = StrictMath.cos(Math.toRadians(20));
        double s20 = StrictMath.sin(Math.toRadians(20));
        float[] target = {
            0, 1, 0, 0, // x
            0, 0, 1, 0, // y
            1, 0, 0, 0
        }; // z
        float[] predicted = {
            0, 2, 0, 1,
            1, 0, (float) c20, 1,
            1, 0, (float) s20, 1
        };
        NormalErrors normals = new NormalErrors(1, 4);
        normals.add(predicted, target);
        assertThat(normals.count()).isEqualTo(3);
        assertThat(normals.mean()).isCloseTo(65.0 / 3.0, within(1e-5));
        assertThat(normals.median()).isCloseTo(20.0, within(1e-3));
        assertThat(normals.within(11.25)).isCloseTo(100.0 / 3.0, within(EPS));
        assertThat(normals.within(22.5)).isCloseTo(200.0 / 3.0, within(EPS));
        assertThat(normals.within(30.0)).isCloseTo(200.0 / 3.0, within(EPS));
    }

    @Test
    void shouldAverageTheTwoMiddleAnglesForAnEvenCount() {
        float[] target = {0, 1, 0, 0, 1, 0}; // (0,0,1) and (1,0,0) in a 3 × 1 × 2 map
        float[] predicted = {0, 1, 1, 0, 1, 0}; // 45° and 0°
        NormalErrors normals = new NormalErrors(1, 2);
        normals.add(predicted, target);
        assertThat(normals.median()).isCloseTo(22.5, within(1e-3));
    }

    @Test
    void shouldCountAZeroPredictionAsNinetyDegrees() {
        NormalErrors normals = new NormalErrors(1, 1);
        normals.add(new float[] {0, 0, 0}, new float[] {0, 0, 1});
        assertThat(normals.mean()).isCloseTo(90.0, within(1e-9));
    }

    @Test
    void shouldRefuseToReportBeforeAnyValidPixel() {
        NormalErrors normals = new NormalErrors(1, 1);
        normals.add(new float[] {1, 0, 0}, new float[] {0, 0, 0});
        assertThatThrownBy(normals::mean).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new DepthErrors().absErr())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNameMetricsAsTheManifestsDo() {
        assertThat(TaskScorer.forKind("segmentation", 3, -1, 1, 1))
                .isInstanceOf(SegmentationScores.class);
        NormalErrors normals = (NormalErrors) TaskScorer.forKind("normals", 0, 0, 1, 1);
        normals.add(new float[] {0, 0, 1}, new float[] {0, 0, 1});
        assertThat(normals.values())
                .containsOnlyKeys("mean", "median", "within11", "within22", "within30");
        assertThatThrownBy(() -> TaskScorer.forKind("regression", 0, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
