package io.mtlboard.run;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import java.util.Map;

/** A validated submission to be registered as a SUBMITTED run. */
public record NewRun(
        Benchmark benchmark,
        Backbone backbone,
        Method method,
        String optimizer,
        String gradientLevel,
        int seed,
        String submitter,
        long ownerTokenId,
        String idempotencyKey,
        String manifest,
        String manifestSha256,
        String description,
        String hyperParameters,
        String codeUrl,
        String paperUrl,
        String artifactSha256,
        Long artifactBytes,
        Map<BenchmarkMetric, Double> claims) {}
