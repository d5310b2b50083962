package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The output contract on hostile TorchScript fixtures ({@code make_hostile_fixtures.py}): a tuple
 * or list of floating-point tensors passes; a dict or integer tensors are refused naming what was
 * returned; an error the model raises is reported with its own message and line.
 */
class OutputContractTest {

    private static final Path MODELS = Path.of("src/test/resources/models");
    private static BenchmarkManifest manifest;
    private static BenchmarkDataset test;

    @BeforeAll
    static void open() throws Exception {
        manifest = BundledData.manifest("multifashion");
        test = BundledData.shipped(manifest, "test").head(20);
    }

    private static EvaluationResult evaluate(String file) throws ModelFault {
        return new ModelEvaluator()
                .evaluate(
                        MODELS.resolve(file),
                        DeviceSelector.CPU,
                        manifest,
                        test,
                        Map.of(),
                        Map.of(),
                        List.of(),
                        (done, total) -> {},
                        r -> {});
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "dict-output.pt   | the model returned a dict with keys [left, right]",
                "int-output.pt    | output 0 (task 'left') is a tensor of int64",
                "raises.pt        | ValueError: this model refuses single-channel input",
                "out-of-bounds.pt | RuntimeError: select(): index 5000 out of range"
            })
    void shouldRejectAModelBreakingTheContractNamingWhatItDid(String file, String reason) {
        ModelFault fault = catchThrowableOfType(ModelFault.class, () -> evaluate(file));
        assertThat(fault).as(file).isNotNull();
        assertThat(fault.getMessage()).contains(reason);
    }

    @Test
    void shouldAcceptATupleOfFloatTensors() throws ModelFault {
        assertThat(evaluate("multifashion-good.pt").samples()).isEqualTo(20);
    }

    @Test
    void shouldAcceptAListOfFloatTensors() throws ModelFault {
        assertThat(evaluate("list-output.pt").samples()).isEqualTo(20);
    }

    @Test
    void shouldGiveTheLineOfARaisedErrorInTheReasonAndTheWholeTracebackInTheDetail() {
        ModelFault fault = catchThrowableOfType(ModelFault.class, () -> evaluate("raises.pt"));
        assertThat(fault.getMessage()).contains("line ").contains("raise ValueError");
        assertThat(fault.getMessage()).doesNotStartWith("The following operation failed");
        assertThat(fault.detail())
                .contains("Traceback of TorchScript")
                .contains("this model refuses");
    }
}
