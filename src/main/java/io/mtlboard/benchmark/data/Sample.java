package io.mtlboard.benchmark.data;

import java.util.List;

/**
 * One sample of a benchmark split: the raw input ({@code C × H × W}, as stored, before the
 * manifest's normalization) and one target per task, in the manifest's task order: a class index
 * ({@code [1]}), a label map ({@code H × W}), depth ({@code 1 × H × W}) or normals
 * ({@code 3 × H × W}), row-major.
 */
public record Sample(float[] input, List<float[]> targets) {}
