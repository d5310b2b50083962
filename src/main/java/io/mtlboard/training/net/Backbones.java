package io.mtlboard.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The light shared encoders of the reference runs, by their id in {@code backbones.json}: for
 * small classification images a LeNet-5-style net (the MultiMNIST encoder of Sener & Koltun), a
 * narrow residual net and a depthwise-separable (MobileNet-like) net, each ending in a vector z;
 * for dense scenes a small encoder–decoder ending in a full-resolution feature map z.
 */
public final class Backbones {

    /** Backbones for classification benchmarks. */
    public static final List<String> CLASSIFICATION =
            List.of("lenet5", "resnet-narrow", "mobilenet-like");

    /** Backbones for dense prediction benchmarks. */
    public static final List<String> DENSE = List.of("encoder-decoder");

    private Backbones() {}

    /** Channel widths of the encoder–decoder's five convolutions at full size. */
    static final int[] ENCODER_DECODER_WIDTHS = {16, 32, 64, 32, 16};

    /**
     * The width factor of a half-size encoder–decoder: every convolution's output channels × 1/√2
     * (rounded), so each layer's multiply-adds (∝ in × out channels) are about halved.
     */
    public static final double HALF_WIDTH = Math.sqrt(0.5);

    /** The encoder {@code id}, a fresh uninitialized block. */
    public static Block encoder(String id) {
        return encoder(id, 1);
    }

    /**
     * The encoder {@code id} with its channel widths scaled by {@code width} (only the
     * encoder–decoder supports a factor other than 1).
     */
    public static Block encoder(String id, double width) {
        if (width != 1) {
            if (!id.equals("encoder-decoder")) {
                throw new IllegalArgumentException("only encoder-decoder has a width factor");
            }
            return encoderDecoder(encoderDecoderWidths(width));
        }
        return fullSize(id);
    }

    /** The encoder–decoder's five convolution widths scaled by {@code width}, rounded, at least 1. */
    public static int[] encoderDecoderWidths(double width) {
        int[] widths = new int[ENCODER_DECODER_WIDTHS.length];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = (int) Math.max(1, Math.round(ENCODER_DECODER_WIDTHS[i] * width));
        }
        return widths;
    }

    /**
     * Multiply-adds of one forward pass of the encoder–decoder with {@code widths} on one
     * {@code channels × size × size} input: its 3×3 convolutions (at full, ½, ¼, ½ and full
     * resolution); batch norm, pooling and upsampling are not counted.
     */
    public static long encoderDecoderMultiplyAdds(int[] widths, int channels, int size) {
        int[] divisor = {1, 2, 4, 2, 1};
        long total = 0;
        int in = channels;
        for (int i = 0; i < widths.length; i++) {
            long pixels = (long) (size / divisor[i]) * (size / divisor[i]);
            total += pixels * 9L * in * widths[i];
            in = widths[i];
        }
        return total;
    }

    private static Block fullSize(String id) {
        return switch (id) {
            case "lenet5" -> lenet();
            case "resnet-narrow" -> resnet();
            case "mobilenet-like" -> mobilenet();
            case "encoder-decoder" -> encoderDecoder();
            default ->
                    throw new IllegalArgumentException(
                            "unknown backbone '"
                                    + id
                                    + "'; known: "
                                    + CLASSIFICATION
                                    + " and "
                                    + DENSE);
        };
    }

    /** conv5(10) → pool → ReLU → conv5(20) → pool → ReLU → fc(50) → ReLU: z has 50 values. */
    private static Block lenet() {
        return new SequentialBlock()
                .add(conv(10, 5, 1, 0))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation.reluBlock())
                .add(conv(20, 5, 1, 0))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(50).build())
                .add(Activation.reluBlock());
    }

    /** A 16-channel stem and three basic residual blocks (16, 32, 64 channels): z has 64 values. */
    private static Block resnet() {
        return new SequentialBlock()
                .add(conv(16, 3, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(residual(16, 1, false))
                .add(residual(32, 2, true))
                .add(residual(64, 2, true))
                .add(Pool.globalAvgPool2dBlock());
    }

    private static Block residual(int channels, int stride, boolean project) {
        SequentialBlock main =
                new SequentialBlock()
                        .add(conv(channels, 3, stride, 1))
                        .add(BatchNorm.builder().build())
                        .add(Activation.reluBlock())
                        .add(conv(channels, 3, 1, 1))
                        .add(BatchNorm.builder().build());
        Block shortcut =
                project
                        ? new SequentialBlock()
                                .add(conv(channels, 1, stride, 0))
                                .add(BatchNorm.builder().build())
                        : Blocks.identityBlock();
        return new SequentialBlock()
                .add(
                        new ParallelBlock(
                                l ->
                                        new NDList(
                                                l.get(0)
                                                        .singletonOrThrow()
                                                        .add(l.get(1).singletonOrThrow())),
                                List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    /** A 16-channel stem and three depthwise-separable blocks (32, 64, 64 channels): z has 64 values. */
    private static Block mobilenet() {
        return new SequentialBlock()
                .add(conv(16, 3, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(separable(16, 32, 2))
                .add(separable(32, 64, 2))
                .add(separable(64, 64, 1))
                .add(Pool.globalAvgPool2dBlock());
    }

    private static Block separable(int in, int out, int stride) {
        Block depthwise =
                Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(in)
                        .optGroups(in)
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(1, 1))
                        .optBias(false)
                        .build();
        return new SequentialBlock()
                .add(depthwise)
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(out, 1, 1, 0))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /**
     * Two conv–pool stages down to ¼ resolution, a 64-channel bottleneck, and two stages of 2×
     * nearest-neighbour upsampling and convolution back to full resolution: z is 16 × H × W.
     * (DJL's PyTorch engine has no transposed convolution.)
     */
    private static Block encoderDecoder() {
        return encoderDecoder(ENCODER_DECODER_WIDTHS);
    }

    private static Block encoderDecoder(int[] w) {
        return new SequentialBlock()
                .add(convBnRelu(w[0]))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(convBnRelu(w[1]))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(convBnRelu(w[2]))
                .add(upsample())
                .add(convBnRelu(w[3]))
                .add(upsample())
                .add(convBnRelu(w[4]));
    }

    /** Nearest-neighbour upsampling by 2 of N × C × H × W, as a broadcast view reshaped. */
    private static Block upsample() {
        return new LambdaBlock(
                list -> {
                    NDArray x = list.singletonOrThrow();
                    Shape s = x.getShape();
                    long n = s.get(0);
                    long c = s.get(1);
                    long h = s.get(2);
                    long w = s.get(3);
                    return new NDList(
                            x.reshape(n, c, h, 1, w, 1)
                                    .broadcast(new Shape(n, c, h, 2, w, 2))
                                    .reshape(n, c, 2 * h, 2 * w));
                },
                "upsample");
    }

    private static Block convBnRelu(int channels) {
        return new SequentialBlock()
                .add(conv(channels, 3, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    static Block conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .build();
    }
}
