/**
 * Sample pictures of the benchmarks whose data MTLBoard bundles: the test split's inputs and dense
 * ground truths as PNG, and the gallery a benchmark page shows of them.
 */
package io.mtlboard.benchmark.sample;
