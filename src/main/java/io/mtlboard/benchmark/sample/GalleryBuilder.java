package io.mtlboard.benchmark.sample;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifest.TaskSpec;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.Sample;
import io.mtlboard.benchmark.sample.SampleGallery.LabelView;
import io.mtlboard.benchmark.sample.SampleGallery.LegendView;
import io.mtlboard.benchmark.sample.SampleGallery.PictureView;
import io.mtlboard.benchmark.sample.SampleGallery.SampleView;
import io.mtlboard.benchmark.sample.SampleGallery.Swatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Builds a page's gallery from the open test split: the first {@value
 * BenchmarkSamples#CLASSIFICATION_SHOWN} inputs with their class names, or the first {@value
 * BenchmarkSamples#DENSE_SHOWN} scenes with one picture per dense task, captions read from the same
 * samples the pictures are drawn from.
 */
final class GalleryBuilder {

    private GalleryBuilder() {}

    static SampleGallery build(SampleTargets targets, BenchmarkDataset data) {
        BenchmarkManifest m = targets.manifest();
        int shown =
                Math.min(
                        targets.dense()
                                ? BenchmarkSamples.DENSE_SHOWN
                                : BenchmarkSamples.CLASSIFICATION_SHOWN,
                        data.size());
        List<SampleView> samples = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            Sample s = data.get(i);
            List<PictureView> pictures = new ArrayList<>();
            for (SampleTargets.Target t : targets.all()) {
                pictures.add(picture(m, t, i, s));
            }
            samples.add(new SampleView(i, List.copyOf(pictures)));
        }
        return new SampleGallery(
                null,
                targets.split().name(),
                data.size(),
                targets.dense(),
                List.copyOf(samples),
                legends(targets));
    }

    private static PictureView picture(
            BenchmarkManifest m, SampleTargets.Target t, int index, Sample s) {
        int k = SamplePictures.scale(m.input().height(), m.input().width());
        String url =
                "/api/benchmarks/"
                        + m.id()
                        + "/samples/"
                        + index
                        + ".png"
                        + (t.task() == null ? "" : "?target=" + t.name());
        String what = m.name() + " test sample " + index;
        List<LabelView> labels = t.task() == null ? labels(m, s) : List.of();
        String caption = caption(t, s);
        String alt =
                what
                        + ", "
                        + caption
                        + (labels.isEmpty()
                                ? ""
                                : ": "
                                        + String.join(
                                                ", ",
                                                labels.stream()
                                                        .map(l -> l.task() + " " + l.name())
                                                        .toList()));
        return new PictureView(
                url, alt, m.input().width() * k, m.input().height() * k, caption, labels);
    }

    /** The class of every classification task, by name. */
    private static List<LabelView> labels(BenchmarkManifest m, Sample s) {
        List<LabelView> labels = new ArrayList<>();
        for (int t = 0; t < m.tasks().size(); t++) {
            TaskSpec task = m.tasks().get(t);
            if ("classification".equals(task.kind())) {
                int c = (int) s.targets().get(t)[0];
                labels.add(new LabelView(task.name(), c, task.className(c)));
            }
        }
        return List.copyOf(labels);
    }

    /** {@code input}; the classes a segmentation shows, most pixels first; a depth map's range. */
    static String caption(SampleTargets.Target t, Sample s) {
        if (t.task() == null) {
            return "input";
        }
        float[] truth = s.targets().get(t.taskIndex());
        return switch (t.kind()) {
            case "segmentation" -> t.name() + ": " + String.join(", ", present(t.task(), truth));
            case "depth" -> {
                DepthRange r = DepthRange.of(truth);
                yield String.format(Locale.ROOT, "%s %.2f–%.2f", t.name(), r.near(), r.far());
            }
            default -> t.name();
        };
    }

    /** The names of the classes in a label map, most pixels first. */
    static List<String> present(TaskSpec task, float[] labels) {
        int[] counts = new int[task.classes()];
        for (float v : labels) {
            int c = (int) v;
            if (c >= 0 && c < counts.length && c == v) {
                counts[c]++;
            }
        }
        return IntStream.range(0, counts.length)
                .filter(c -> counts[c] > 0)
                .boxed()
                .sorted(Comparator.comparingInt((Integer c) -> -counts[c]).thenComparing(c -> c))
                .map(task::className)
                .toList();
    }

    private static List<LegendView> legends(SampleTargets targets) {
        List<LegendView> legends = new ArrayList<>();
        for (SampleTargets.Target t : targets.all()) {
            if (t.task() == null) {
                continue;
            }
            // named as the pictures' captions name them
            String title = t.name();
            switch (t.kind()) {
                case "segmentation" ->
                        legends.add(
                                new LegendView(
                                        title,
                                        swatches(t.task()),
                                        List.of(),
                                        "Black: no valid label."));
                case "depth" ->
                        legends.add(
                                new LegendView(
                                        title,
                                        List.of(),
                                        Palette.rampStops(),
                                        "From the nearest (left end of the bar) to the farthest"
                                                + " valid pixel of each picture; its caption gives"
                                                + " that range. Black: no valid depth."));
                case "normals" ->
                        legends.add(
                                new LegendView(
                                        title,
                                        List.of(),
                                        List.of(),
                                        "The unit normal (x, y, z) in camera coordinates as the"
                                                + " colour (R, G, B) = ((x, y, z) + 1) / 2. Black: no"
                                                + " valid normal."));
                default -> {}
            }
        }
        return List.copyOf(legends);
    }

    private static List<Swatch> swatches(TaskSpec task) {
        return IntStream.range(0, task.classes())
                .mapToObj(
                        c -> new Swatch(c, task.className(c), Palette.css(Palette.segmentation(c))))
                .toList();
    }
}
