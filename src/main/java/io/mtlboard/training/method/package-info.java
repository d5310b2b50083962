/**
 * Pure mathematics of the MTL gradient and loss-weighting methods (EW, MGDA, PCGrad, CAGrad, Nash-
 * MTL, …) on plain arrays.
 */
package io.mtlboard.training.method;
