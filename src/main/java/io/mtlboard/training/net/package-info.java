/**
 * The light backbones and task heads of reference training, as DJL blocks.
 */
package io.mtlboard.training.net;
