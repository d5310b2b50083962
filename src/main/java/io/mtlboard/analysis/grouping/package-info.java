/**
 * Pure mathematics of task grouping: subset losses, the optimal, HOA and ESA groupings and their
 * curves.
 */
package io.mtlboard.analysis.grouping;
