package io.mtlboard.benchmark;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * The JSON manifest {@code benchmarks-data/<id>/benchmark.json} that defines a benchmark: tasks in
 * order with their kind, loss, output contract and metrics, the input spec, and where the data
 * lives. The format is documented in {@code benchmarks-data/README.md} and checked by
 * {@link BenchmarkManifestReader} against {@code schemas/benchmark-manifest.schema.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchmarkManifest(
        String id,
        String name,
        String version,
        String description,
        String homepage,
        String licence,
        String citation,
        Data data,
        InputSpec input,
        List<TaskSpec> tasks) {

    /** The task named {@code name}. */
    public Optional<TaskSpec> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The split with role {@code test}, which the worker evaluates on. */
    public Optional<Split> testSplit() {
        return data.splits() == null
                ? Optional.empty()
                : data.splits().stream().filter(s -> "test".equals(s.role())).findFirst();
    }

    /** The split named {@code name}. */
    public Optional<Split> split(String name) {
        return data.splits() == null
                ? Optional.empty()
                : data.splits().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Where the data lives.
     *
     * @param layout {@code idx}, {@code fashion-scenes}, {@code npy-per-sample} or {@code literature-only}
     * @param channelsLast npy-per-sample arrays are stored H×W×C
     * @param inputFrom the file content or per-sample directory holding the inputs
     * @param sources files a generator reads, relative to {@code benchmarks-data/}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(
            boolean bundled,
            String layout,
            Boolean channelsLast,
            String inputFrom,
            List<FileRef> sources,
            List<Split> splits) {

        /** The input source name, {@code images} unless the manifest says otherwise. */
        public String inputSource() {
            return inputFrom == null ? "images" : inputFrom;
        }
    }

    /**
     * One split of the data.
     *
     * @param storage {@code shipped}, {@code generated} or {@code external}
     * @param samples number of samples (may be absent for external splits)
     * @param directory external splits: the directory under the benchmark's external data root
     * @param files shipped files (relative to the manifest) or generated files (relative to the cache)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Split(
            String name,
            String role,
            String storage,
            Integer samples,
            String directory,
            List<FileRef> files,
            Generator generator) {

        /** The files holding {@code content}, in shard order. */
        public List<FileRef> files(String content) {
            return files == null
                    ? List.of()
                    : files.stream().filter(f -> f.content().equals(content)).toList();
        }
    }

    /** A file with what it holds and its SHA-256. */
    public record FileRef(String path, String content, String sha256) {}

    /** How a generated split is made: generator, seed, source items, and whether it is a prefix of another split. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Generator(String name, long seed, String source, String prefixOf) {}

    /**
     * What a model receives: one float32 sample {@code C × H × W}, computed from the stored pixels
     * as {@code (raw · scale − mean[c]) / std[c]}.
     *
     * @param storage how raw pixels are stored ({@code uint8} or {@code float32})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputSpec(
            List<Integer> shape, String dtype, String storage, Normalization normalization) {

        public int channels() {
            return shape.get(0);
        }

        public int height() {
            return shape.get(1);
        }

        public int width() {
            return shape.get(2);
        }
    }

    /** {@code x = (raw · scale − mean[c]) / std[c]}. */
    public record Normalization(double scale, List<Double> mean, List<Double> std) {}

    /**
     * One task: kind ({@code classification}, {@code segmentation}, {@code depth}, {@code normals},
     * {@code regression}), loss, number of classes, their display names and the ignore label where
     * they apply, where its targets come from, the output contract and its metrics.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskSpec(
            String name,
            String title,
            String kind,
            String loss,
            Integer classes,
            Integer ignoreLabel,
            List<String> classNames,
            Target target,
            Output output,
            List<MetricSpec> metrics) {

        /** The ignore label of a segmentation task, −1 unless the manifest says otherwise. */
        public int ignoreLabelOrDefault() {
            return ignoreLabel == null ? -1 : ignoreLabel;
        }

        /** The display name of class {@code c}: the manifest's, else {@code class <c>}. */
        public String className(int c) {
            return classNames != null && c >= 0 && c < classNames.size()
                    ? classNames.get(c)
                    : "class " + c;
        }
    }

    /** Where a task's targets come from: a file content or per-sample directory, optionally one column of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String from, Integer index) {}

    /** The model's output for a task, per sample: its shape and what the values are. */
    public record Output(List<Integer> shape, String values) {}

    /** A metric: name, direction, unit and verification tolerance (METRICS.md §8). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricSpec(
            String name, String title, Boolean higherIsBetter, String unit, Tolerance tolerance) {}

    /** A claim c agrees with a measurement m when {@code |c − m| ≤ max(abs, rel · |m|)}. */
    public record Tolerance(double abs, double rel) {}
}
