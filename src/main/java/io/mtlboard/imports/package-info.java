/**
 * Start-up imports into the run table, through {@link io.mtlboard.run.RunService}: literature
 * tables ({@code benchmarks-data/literature}, with the check of published Δm) and reference run
 * bundles ({@code benchmarks-data/reference}).
 */
package io.mtlboard.imports;
