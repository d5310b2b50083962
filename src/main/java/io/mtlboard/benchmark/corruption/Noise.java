package io.mtlboard.benchmark.corruption;

import io.mtlboard.benchmark.data.SplitMix64;

/** Additive Gaussian noise and Poisson shot noise (ImageNet-C). */
final class Noise {

    private Noise() {}

    /** x + N(0, σ²) per value. */
    static Image gaussian(Image img, double sigma, SplitMix64 rng) {
        for (int i = 0; i < img.v.length; i++) {
            img.v[i] = (float) (img.v[i] + sigma * rng.nextGaussian());
        }
        return img;
    }

    /** Poisson(x · λ) / λ per value: photon noise with λ photons at full intensity. */
    static Image shot(Image img, double lambda, SplitMix64 rng) {
        for (int i = 0; i < img.v.length; i++) {
            double mean = Math.max(0.0, img.v[i]) * lambda;
            img.v[i] = (float) (poisson(mean, rng) / lambda);
        }
        return img;
    }

    /** Knuth's multiplication method; exact for the means used here (at most 60). */
    static int poisson(double mean, SplitMix64 rng) {
        double limit = StrictMath.exp(-mean);
        double product = rng.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
    }
}
