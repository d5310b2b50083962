/**
 * Pure mathematics of Pareto fronts: non-dominated rows over metrics of either direction.
 */
package io.mtlboard.analysis.pareto;
