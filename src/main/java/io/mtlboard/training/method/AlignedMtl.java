package io.mtlboard.training.method;

import java.util.Arrays;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * Aligned-MTL (METHODS.md; Senushkin et al., CVPR 2023): eigendecompose M = V Λ Vᵀ,
 * drop eigenvalues up to λ_max · T · ε_float32 (gradients come from float tensors), and with
 * B = √λ_min V Λ^{-1/2} Vᵀ take d = Σ_j (Σ_i B_ij) g_j: the sum of the rows of B G, a gradient
 * system with Gram matrix λ_min I (perfectly conditioned) on the span of the gradients. On
 * feature-level gradients this is Aligned-MTL-UB. Heads are unweighted.
 */
final class AlignedMtl extends BaseMethod {

    private static final double FLOAT_EPSILON = Math.ulp(1.0f);

    AlignedMtl(int tasks) {
        super("aligned-mtl", tasks, Level.PARAMETER_OR_FEATURE);
    }

    @Override
    Step step(StepInput input) {
        double[][] b = balance(Linear.gram(input.gradients()));
        double[] alpha = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            for (int j = 0; j < tasks; j++) {
                alpha[j] += b[i][j];
            }
        }
        return new Step.Direction(
                Linear.combine(alpha, input.gradients()), Linear.filled(tasks, 1));
    }

    /** B = √λ_min V Λ^{-1/2} Vᵀ over the eigenvalues above the tolerance; 0 when M = 0. */
    static double[][] balance(double[][] m) {
        var eigen = new EigenDecomposition(MatrixUtils.createRealMatrix(m));
        double[] lambda = eigen.getRealEigenvalues();
        double tolerance = Arrays.stream(lambda).max().orElseThrow() * m.length * FLOAT_EPSILON;
        double min = Arrays.stream(lambda).filter(l -> l > tolerance).min().orElse(0);
        double[][] b = new double[m.length][m.length];
        for (int k = 0; k < lambda.length; k++) {
            if (lambda[k] > tolerance) {
                double[] v = eigen.getEigenvector(k).toArray();
                double factor = Math.sqrt(min / lambda[k]);
                for (int i = 0; i < m.length; i++) {
                    Linear.addScaled(b[i], factor * v[i], v);
                }
            }
        }
        return b;
    }
}
