/**
 * Datasets of the bundled benchmarks (MultiFashion, FashionScenes, IDX and NPY files), generated
 * or verified against their checksums.
 */
package io.mtlboard.benchmark.data;
