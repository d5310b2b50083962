/**
 * Pure mathematics of feature disentanglement (FD) between task-specific features.
 */
package io.mtlboard.analysis.disentanglement;
