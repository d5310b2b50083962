package io.mtlboard.evaluation;

import java.util.Locale;

/**
 * Chooses the inference device from the configured preference ({@code auto}, {@code cpu},
 * {@code gpu}) and the number of GPUs the engine reports: {@code auto} takes the first GPU when
 * there is one and the CPU otherwise; {@code gpu} without a GPU is an error, never a silent fallback.
 * Devices are named as every evaluation records them, reference evaluations included:
 * {@value #CPU} or {@value #GPU}.
 */
public final class DeviceSelector {

    /** The CPU, as evaluations record it. */
    public static final String CPU = "cpu";

    /** The first GPU, as evaluations record it. */
    public static final String GPU = "gpu0";

    private DeviceSelector() {}

    /**
     * The device to use: {@value #CPU} or {@value #GPU}.
     *
     * @throws IllegalArgumentException for an unknown preference
     * @throws IllegalStateException when a GPU is required and none is present
     */
    public static String select(String preference, int gpuCount) {
        String p = preference == null ? "auto" : preference.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "auto" -> gpuCount > 0 ? GPU : CPU;
            case "cpu" -> CPU;
            case "gpu" -> {
                if (gpuCount <= 0) {
                    throw new IllegalStateException(
                            "device 'gpu' was requested but the engine reports no GPU");
                }
                yield GPU;
            }
            default ->
                    throw new IllegalArgumentException(
                            "device must be auto, cpu or gpu, not '" + preference + "'");
        };
    }
}
