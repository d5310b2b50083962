/**
 * Deterministic image corruptions at severities 1–5 for the robustness evaluation.
 */
package io.mtlboard.benchmark.corruption;
