package io.mtlboard.training;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.BenchmarkData;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.Sample;
import io.mtlboard.evaluation.ModelEvaluator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a benchmark's reference runs: the training samples (the first
 * {@code trainSamples} of the training split, in memory), the validation samples held out at the
 * end of that split, and the test split the evaluator scores.
 */
final class ReferenceData {

    final BenchmarkManifest manifest;
    final TrainingSet train;
    final BenchmarkDataset validation;
    final BenchmarkDataset test;
    private TrainingSet testSet;

    private ReferenceData(
            BenchmarkManifest manifest,
            TrainingSet train,
            BenchmarkDataset validation,
            BenchmarkDataset test) {
        this.manifest = manifest;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /** The first {@link ReferenceDiagnostics#FD_SAMPLES} test samples in memory, for FD (read once). */
    synchronized TrainingSet testSet() {
        if (testSet == null) {
            testSet =
                    TrainingSet.load(
                            manifest,
                            test,
                            0,
                            Math.min(ReferenceDiagnostics.FD_SAMPLES, test.size()));
        }
        return testSet;
    }

    static ReferenceData load(String benchmark, TrainingSettings settings, DataLocations locations)
            throws IOException {
        BenchmarkManifest manifest =
                BenchmarkManifestReader.read(
                        locations.benchmarksDir().resolve(benchmark).resolve("benchmark.json"));
        BenchmarkDataset split = BenchmarkData.open(manifest, settings.trainSplit(), locations);
        int held = settings.validationSamples();
        if (settings.trainSamples() + held > split.size()) {
            throw new IllegalArgumentException(
                    "split '"
                            + settings.trainSplit()
                            + "' of "
                            + benchmark
                            + " has "
                            + split.size()
                            + " samples, fewer than "
                            + settings.trainSamples()
                            + " training + "
                            + held
                            + " validation samples");
        }
        TrainingSet train = TrainingSet.load(manifest, split, 0, settings.trainSamples());
        BenchmarkDataset validation = range(split, split.size() - held, held);
        BenchmarkDataset test =
                BenchmarkData.open(manifest, ModelEvaluator.testSplit(manifest), locations);
        return new ReferenceData(manifest, train, validation, test);
    }

    /** Samples {@code [from, from + count)}, read once: generated splits are not generated again per epoch. */
    private static BenchmarkDataset range(BenchmarkDataset data, int from, int count) {
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(data.get(from + i));
        }
        return BenchmarkDataset.of(samples);
    }
}
