/**
 * Benchmarks and registries: benchmark manifests ({@code benchmarks-data}), methods, backbones and
 * protocols, loaded idempotently at start-up.
 */
package io.mtlboard.benchmark;
