package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchmarkDatasetTest {

    private static Sample sample(int i) {
        return new Sample(new float[] {i}, List.of(new float[] {i % 10}));
    }

    private static final BenchmarkDataset FIVE =
            BenchmarkDataset.of(
                    IntStream.range(0, 5).mapToObj(BenchmarkDatasetTest::sample).toList());

    @Test
    void shouldKeepTheOrderOfTheSamplesWhenHeldInMemory() {
        assertThat(FIVE.size()).isEqualTo(5);
        assertThat(FIVE.get(3).input()).containsExactly(3f);
    }

    @Test
    void shouldViewTheFirstSamplesAndRefuseTheOthersWhenCutToAHead() {
        BenchmarkDataset head = FIVE.head(2);
        assertThat(head.size()).isEqualTo(2);
        assertThat(head.get(1).input()).containsExactly(1f);
        assertThatThrownBy(() -> head.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldKeepTheWholeSplitWhenTheHeadIsLongerThanIt() {
        assertThat(FIVE.head(100).size()).isEqualTo(5);
        assertThat(FIVE.head(-1).size()).isZero();
    }
}
