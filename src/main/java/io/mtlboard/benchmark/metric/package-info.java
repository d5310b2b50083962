/**
 * Pure mathematics of the metric library and Δm: task metrics, directions and both Δm conventions.
 */
package io.mtlboard.benchmark.metric;
