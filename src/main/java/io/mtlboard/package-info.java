/**
 * MTLBoard: a leaderboard of multi-task-learning methods whose submitted models are re-evaluated
 * before they count. {@code Main} is the command line (portal, {@code evaluate}, {@code
 * reference}, {@code token}).
 */
package io.mtlboard;
