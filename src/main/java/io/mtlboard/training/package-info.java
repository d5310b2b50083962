/**
 * Reference training: the MTL methods of the registry over a DJL trainer, light backbones,
 * reference protocols and learning-rate sweeps, and the resumable {@code reference} command that
 * writes run bundles.
 */
package io.mtlboard.training;
