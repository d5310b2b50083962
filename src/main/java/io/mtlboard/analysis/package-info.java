/**
 * The analysis feature: {@code /api/analysis/*} and the services and views behind the analysis
 * pages (ranking similarity, feature disentanglement, parameter- vs feature-level and optimizer
 * pairs, gradients, task grouping, robustness). The mathematics lives in the subpackages, which
 * import nothing of the application.
 */
package io.mtlboard.analysis;
