/**
 * The DJL evaluation core shared by the worker and the trainer: the output contract, scoring of a
 * model on a benchmark's test split, claim checks, device choice, efficiency, diagnostics (test-
 * split FD, corruption sweep) and the {@code evaluate} command.
 */
package io.mtlboard.evaluation;
