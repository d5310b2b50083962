/**
 * The read side of runs: rows of a setting aggregated over seeds, Δm in both conventions against
 * the setting's single-task baseline, ranks within noise, Pareto views, JSON and CSV export; kept
 * up to date run by run ({@link io.mtlboard.leaderboard.IncrementalBoard}).
 */
package io.mtlboard.leaderboard;
