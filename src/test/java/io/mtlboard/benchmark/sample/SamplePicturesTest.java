package io.mtlboard.benchmark.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifest.InputSpec;
import io.mtlboard.benchmark.BenchmarkManifest.Normalization;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SamplePicturesTest {

    private static InputSpec input(int c, int h, int w, double scale) {
        return new InputSpec(
                List.of(c, h, w),
                "float32",
                "uint8",
                new Normalization(scale, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0)));
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void shouldUpscaleByTheWholeFactorThatReachesTheMinimumSide() {
        assertThat(SamplePictures.scale(28, 28)).isEqualTo(4);
        assertThat(SamplePictures.scale(64, 64)).isEqualTo(2);
        assertThat(SamplePictures.scale(100, 300)).isEqualTo(2);
        assertThat(SamplePictures.scale(112, 112)).isEqualTo(1);
        assertThat(SamplePictures.scale(288, 384)).isEqualTo(1);
    }

    @Test
    void shouldEnlargeEveryPixelToASquareWithoutSmoothing() {
        // 2 × 2 grey picture: scale 56, so pixel (0, 1) of the input covers x 56–111, y 0–55
        BufferedImage image =
                SamplePictures.input(new float[] {0, 255, 128, 64}, input(1, 2, 2, 1 / 255.0));
        assertThat(image.getWidth()).isEqualTo(112);
        assertThat(image.getHeight()).isEqualTo(112);
        assertThat(rgb(image, 0, 0)).isEqualTo(0x000000);
        assertThat(rgb(image, 55, 55)).isEqualTo(0x000000);
        assertThat(rgb(image, 56, 0)).isEqualTo(0xffffff);
        assertThat(rgb(image, 111, 55)).isEqualTo(0xffffff);
        assertThat(rgb(image, 0, 56)).isEqualTo(0x808080);
        assertThat(rgb(image, 111, 111)).isEqualTo(0x404040);
    }

    @Test
    void shouldShowThreeChannelsAsRgbAndClampValuesOutsideTheRange() {
        // one pixel, channels R = 1.2 → 255, G = 0.5 → 128 (127.5 rounds up), B = −0.1 → 0
        BufferedImage image =
                SamplePictures.input(new float[] {1.2f, 0.5f, -0.1f}, input(3, 1, 1, 1));
        assertThat(image.getWidth()).isEqualTo(112);
        assertThat(rgb(image, 7, 7)).isEqualTo(0xff8000);
    }

    @Test
    void shouldColourClassesFromTheFixedPaletteAndInvalidLabelsBlack() {
        BufferedImage image = SamplePictures.segmentation(new float[] {0, 10, 11, -1}, 2, 2, 11);
        assertThat(rgb(image, 0, 0)).isEqualTo(0x404040);
        assertThat(rgb(image, 56, 0)).isEqualTo(0xffd92f);
        assertThat(rgb(image, 0, 56)).isEqualTo(0x000000);
        assertThat(rgb(image, 56, 56)).isEqualTo(0x000000);
        assertThat(Palette.segmentation(1)).isEqualTo(0x1f77b4);
        assertThat(Palette.segmentation(11)).isNotEqualTo(Palette.segmentation(12));
    }

    @Test
    void shouldInterpolateTheRampBetweenItsStops() {
        assertThat(Palette.ramp(0)).isEqualTo(0x440154);
        assertThat(Palette.ramp(1)).isEqualTo(0xfde725);
        assertThat(Palette.ramp(0.5)).isEqualTo(0x26828e);
        // halfway between 0x440154 and 0x482878: (68+72)/2 = 70, round(1 + 39/2) = 21, (84+120)/2 =
        // 102
        assertThat(Palette.ramp(1 / 16.0)).isEqualTo(0x461566);
        assertThat(Palette.ramp(-3)).isEqualTo(0x440154);
        assertThat(Palette.ramp(7)).isEqualTo(0xfde725);
        assertThat(Palette.rampStops()).hasSize(9).startsWith("#440154").endsWith("#fde725");
    }

    @Test
    void shouldSpreadDepthFromTheNearestToTheFarthestValidPixel() {
        float[] depth = {0, 2, 4, 3};
        DepthRange range = DepthRange.of(depth);
        assertThat(range).isEqualTo(new DepthRange(2, 4));
        BufferedImage image = SamplePictures.depth(depth, 2, 2, range);
        assertThat(rgb(image, 0, 0)).isEqualTo(0x000000);
        assertThat(rgb(image, 56, 0)).isEqualTo(0x440154);
        assertThat(rgb(image, 0, 56)).isEqualTo(0xfde725);
        assertThat(rgb(image, 56, 56)).isEqualTo(0x26828e);
        assertThat(DepthRange.of(new float[] {0, Float.NaN})).isEqualTo(new DepthRange(0, 0));
    }

    @Test
    void shouldMapUnitNormalsToHalfPlusHalfAndZeroNormalsToBlack() {
        // planes x, y, z of a 1 × 3 map: (1, 0, 0), (0, 0, −2) normalised to (0, 0, −1), (0, 0, 0)
        float[] normals = {1, 0, 0, 0, 0, 0, 0, -2, 0};
        BufferedImage image = SamplePictures.normals(normals, 1, 3);
        assertThat(image.getWidth()).isEqualTo(3 * 112);
        // (1 + 1) / 2 = 1 → 255; (0 + 1) / 2 = 0.5 → 128; (−1 + 1) / 2 = 0 → 0
        assertThat(rgb(image, 0, 0)).isEqualTo(0xff8080);
        assertThat(rgb(image, 112, 0)).isEqualTo(0x808000);
        assertThat(rgb(image, 224, 0)).isEqualTo(0x000000);
    }

    @Test
    void shouldWriteADecodablePng() throws IOException {
        byte[] png = SamplePictures.png(SamplePictures.segmentation(new float[] {3}, 1, 1, 11));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(112);
        assertThat(rgb(back, 100, 100)).isEqualTo(0x2ca02c);
    }

    @Test
    void shouldListTheClassesOfALabelMapMostPixelsFirst() {
        BenchmarkManifest.TaskSpec task =
                new BenchmarkManifest.TaskSpec(
                        "segmentation",
                        null,
                        "segmentation",
                        "cross-entropy",
                        4,
                        -1,
                        List.of("background", "Trouser", "Bag", "Coat"),
                        null,
                        null,
                        List.of());
        assertThat(GalleryBuilder.present(task, new float[] {0, 2, 2, 1, 2, 0, 7, -1}))
                .containsExactly("Bag", "background", "Trouser");
    }
}
