package io.mtlboard.benchmark.sample;

import java.util.List;

/**
 * What a benchmark page shows of its data: the first samples of the test split, each as pictures
 * with captions, and the legends the pictures need; or, when MTLBoard has no data of the
 * benchmark, the sentence that says so.
 *
 * @param unavailable why there are no pictures; null when there are
 * @param split the split the samples come from
 * @param splitSize number of samples in the split
 * @param dense true when the samples have per-pixel ground truth (one row of pictures per sample)
 */
public record SampleGallery(
        String unavailable,
        String split,
        int splitSize,
        boolean dense,
        List<SampleView> samples,
        List<LegendView> legends) {

    static SampleGallery none(String why) {
        return new SampleGallery(why, null, 0, false, List.of(), List.of());
    }

    public boolean available() {
        return unavailable == null;
    }

    /** One sample: its index in the split and its pictures (input first). */
    public record SampleView(int index, List<PictureView> pictures) {}

    /**
     * One picture.
     *
     * @param caption what the picture shows, e.g. {@code input} or {@code depth 2.1–8.9}
     * @param labels the sample's class labels, for an input picture
     */
    public record PictureView(
            String url,
            String alt,
            int width,
            int height,
            String caption,
            List<LabelView> labels) {}

    /** The class of a sample for one task, by index and name. */
    public record LabelView(String task, int classIndex, String name) {}

    /** How to read one kind of picture: class swatches, or a colour ramp, and a note. */
    public record LegendView(
            String title, List<Swatch> swatches, List<String> rampStops, String note) {}

    /** A class and its CSS colour ({@code #rrggbb}). */
    public record Swatch(int classIndex, String name, String colour) {}
}
