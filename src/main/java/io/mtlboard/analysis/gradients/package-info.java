/**
 * Pure mathematics of gradient indicators: inter-task and inter-sample conflict, per-sample
 * gradients, aggregation of logged indicators over a run.
 */
package io.mtlboard.analysis.gradients;
