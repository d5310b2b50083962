/**
 * The built-in evaluation worker: the job queue with leases ({@code evaluation_job}), the job
 * runner that evaluates each model in a child JVM with a timeout and memory cap, liveness, the
 * sweep of leftovers, and the recorder that hands verdicts to {@link io.mtlboard.run.RunService}.
 */
package io.mtlboard.worker;
