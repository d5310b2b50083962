/**
 * The run, MTLBoard's central entity: its manifest and JSON schema, submission ({@code
 * /api/runs}), claims, evaluations and their records, and {@link io.mtlboard.run.RunService}, the
 * one writer of run state. Evaluations are scheduled through {@link
 * io.mtlboard.run.EvaluationSchedule}, which the worker implements.
 */
package io.mtlboard.run;
