package io.mtlboard.analysis;

/**
 * The standard deviation of Δm over seeds that a publication printed for a literature row, which
 * stands for a published mean (one run, {@code seeds} reported): MTLBoard cannot recompute it from
 * the printed means, so it is shown as printed and labelled so.
 *
 * @param std the printed std, in Δm points (its sign convention does not matter)
 * @param convention the Δm convention it was printed for: {@code per-task} or {@code flat}
 * @param applies whether it is the std of the Δm shown, so that a pair may be judged with it:
 *     printed for the convention shown, or for the other one on a benchmark where both conventions
 *     are the same average (every task has as many metrics, e.g. Cityscapes' two tasks with two
 *     metrics each); false for the other convention elsewhere (NYUv2: 2, 2 and 5 metrics)
 */
public record PrintedStd(double std, String convention, boolean applies) {}
