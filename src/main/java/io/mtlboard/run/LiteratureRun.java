package io.mtlboard.run;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Method;
import java.util.Map;

/**
 * A checked row of a literature table, to be stored as a LITERATURE run with its claims by
 * {@link RunService#upsertLiterature}.
 *
 * @param importKey natural key of the row (file and setting), stable across re-imports
 * @param importHash digest of the row's content; an unchanged row is not written again
 * @param published Δm as printed, in gain sign
 * @param hyperParameters published hyper-parameters as a JSON object, or null
 * @param claims published value per metric key of the benchmark
 */
public record LiteratureRun(
        String importKey,
        String importHash,
        Benchmark benchmark,
        Backbone backbone,
        Method method,
        String optimizer,
        String gradientLevel,
        Integer reportedSeeds,
        String citation,
        String sourceUrl,
        Published published,
        String protocol,
        String baselineProtocol,
        String baselineOptimizer,
        String hyperParameters,
        Map<String, Double> claims) {}
