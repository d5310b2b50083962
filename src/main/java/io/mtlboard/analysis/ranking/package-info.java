/**
 * Pure mathematics of ranking similarity: rank correlations (Kendall τ-b, Spearman), scorings and
 * their orientation, seed bootstrap intervals.
 */
package io.mtlboard.analysis.ranking;
