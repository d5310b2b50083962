package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.training.net.Backbones;
import io.mtlboard.training.net.Heads;
import io.mtlboard.training.net.MultiTaskNet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingNetworkTest {

    static BenchmarkManifest fashionScenes() throws Exception {
        return BenchmarkManifestReader.read(
                Path.of("benchmarks-data/fashionscenes/benchmark.json"));
    }

    @Test
    void shouldPlanEverySubsetAtFullSizeAndEveryTaskAtHalfSize() {
        List<GroupingNetwork> plan = GroupingNetwork.plan(3);
        assertThat(plan).hasSize(10);
        assertThat(plan.stream().filter(n -> !n.half()).map(GroupingNetwork::tasks))
                .containsExactly(
                        List.of(0),
                        List.of(1),
                        List.of(2),
                        List.of(0, 1),
                        List.of(0, 2),
                        List.of(1, 2),
                        List.of(0, 1, 2));
        assertThat(plan.stream().filter(GroupingNetwork::half).map(GroupingNetwork::tasks))
                .containsExactly(List.of(0), List.of(1), List.of(2));
        assertThat(plan.stream().mapToDouble(GroupingNetwork::cost).sum()).isEqualTo(8.5);
    }

    @Test
    void shouldRefuseAHalfSizeNetworkOnSeveralTasks() {
        assertThatThrownBy(() -> new GroupingNetwork(List.of(0, 1), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHalveTheEncoderMultiplyAddsWithinTwoPercent() {
        int[] half = Backbones.encoderDecoderWidths(Backbones.HALF_WIDTH);
        assertThat(half).containsExactly(11, 23, 45, 23, 11);
        double ratio =
                (double) Backbones.encoderDecoderMultiplyAdds(half, 3, 64)
                        / Backbones.encoderDecoderMultiplyAdds(
                                Backbones.encoderDecoderWidths(1), 3, 64);
        assertThat(ratio).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void shouldCountMultiplyAddsOfAHandCheckedNetwork() {
        // 8×8 input with 1 channel, widths 1: 64·9 + 16·9 + 4·9 + 16·9 + 64·9 = 1476
        assertThat(Backbones.encoderDecoderMultiplyAdds(new int[] {1, 1, 1, 1, 1}, 1, 8))
                .isEqualTo(1476);
    }

    @Test
    void shouldBuildASubsetNetworkWithExactlyTheSubsetsHeads() throws Exception {
        BenchmarkManifest m = fashionScenes();
        GroupingNetwork network = new GroupingNetwork(List.of(0, 2), false);
        MultiTaskNet net = Heads.network("encoder-decoder", network.width(), m, network.tasks());
        assertThat(net.heads()).hasSize(2);
        assertThat(net.tasks()).containsExactly(0, 2);
        assertThat(
                        network.name(
                                "encoder-decoder",
                                List.of("segmentation", "depth", "normal"),
                                "adam",
                                1))
                .isEqualTo("encoder-decoder_segmentation+normal_full_adam_seed1");
    }

    @Test
    void shouldGiveTheHalfSizeEncoderElevenOutputChannels() throws Exception {
        BenchmarkManifest m = fashionScenes();
        MultiTaskNet half = Heads.network("encoder-decoder", Backbones.HALF_WIDTH, m, List.of(1));
        MultiTaskNet full = Heads.network("encoder-decoder", 1, m, List.of(1));
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Shape in = new Shape(2, 3, 64, 64);
            half.initialize(manager, in);
            full.initialize(manager, in);
            assertThat(half.encoder().getOutputShapes(new Shape[] {in})[0])
                    .isEqualTo(new Shape(2, 11, 64, 64));
            assertThat(half.heads()).hasSize(1);
            assertThat(half.parameterCount()).isLessThan(full.parameterCount() * 6 / 10);
        }
    }
}
