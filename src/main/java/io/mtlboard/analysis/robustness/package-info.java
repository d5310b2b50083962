/**
 * Pure mathematics of robustness to corrupted inputs: relative change per metric and its
 * aggregation over corruptions and severities.
 */
package io.mtlboard.analysis.robustness;
