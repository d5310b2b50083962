package io.mtlboard.run;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.evaluation.EvaluationDiagnostics;
import java.util.Map;

/**
 * A run that arrives already evaluated, such as a reference run bundle of
 * {@code benchmarks-data/reference/}: its manifest, claims and the evaluation that measured them.
 *
 * @param importKey natural key of the imported file
 * @param protocol the reference protocol the run was trained under (its setting), e.g. {@code
 *     mf-lenet5-v2}; null for {@link io.mtlboard.benchmark.Protocols#MTLBOARD}
 * @param importHash SHA-256 of the file's content
 * @param manifest the run manifest (JSON), including the training log
 * @param hyperParameters the manifest's hyper-parameters as JSON, or null
 * @param diagnostics FD on the test split and corrupted-split metrics measured with the run, or null
 */
public record ImportedRun(
        String importKey,
        String importHash,
        RunSource source,
        Benchmark benchmark,
        Backbone backbone,
        Method method,
        String optimizer,
        String gradientLevel,
        int seed,
        String citation,
        String manifest,
        String manifestSha256,
        String description,
        String hyperParameters,
        Map<BenchmarkMetric, Double> claims,
        EvaluationRecord evaluation,
        EvaluationDiagnostics diagnostics,
        String protocol) {}
