package io.mtlboard.benchmark.sample;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifest.Split;
import io.mtlboard.benchmark.BenchmarkManifest.TaskSpec;
import io.mtlboard.benchmark.data.Sample;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which pictures a benchmark's samples offer: the input, and one per dense task (segmentation,
 * depth, normals). Only benchmarks whose data MTLBoard bundles (shipped or generated from shipped
 * files) have pictures: the others' data lives on the servers that evaluate them, if anywhere.
 */
final class SampleTargets {

    static final String INPUT = "input";
    private static final Set<String> DENSE = Set.of("segmentation", "depth", "normals");

    private final String unavailable;
    private final BenchmarkManifest manifest;
    private final Split split;
    private final List<Target> targets;

    private SampleTargets(
            String unavailable, BenchmarkManifest manifest, Split split, List<Target> targets) {
        this.unavailable = unavailable;
        this.manifest = manifest;
        this.split = split;
        this.targets = targets;
    }

    /** A picture a sample offers: the input ({@code task} null) or a dense task's ground truth. */
    record Target(String name, TaskSpec task, int taskIndex, BenchmarkManifest manifest) {

        String kind() {
            return task == null ? INPUT : task.kind();
        }

        BufferedImage render(Sample s) {
            BenchmarkManifest.InputSpec in = manifest.input();
            int h = in.height();
            int w = in.width();
            if (task == null) {
                return SamplePictures.input(s.input(), in);
            }
            float[] truth = s.targets().get(taskIndex);
            return switch (task.kind()) {
                case "segmentation" -> SamplePictures.segmentation(truth, h, w, task.classes());
                case "depth" -> SamplePictures.depth(truth, h, w, DepthRange.of(truth));
                case "normals" -> SamplePictures.normals(truth, h, w);
                default -> throw new IllegalStateException("not a dense task: " + task.kind());
            };
        }
    }

    static SampleTargets of(BenchmarkManifest m) {
        BenchmarkManifest.Data data = m.data();
        Optional<Split> test = m.testSplit();
        if (!data.bundled()
                || "literature-only".equals(data.layout())
                || test.isEmpty()
                || test.get().samples() == null) {
            return unavailable(
                    "The data of "
                            + m.name()
                            + " are not bundled with MTLBoard, so no sample pictures are shown.");
        }
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(INPUT, null, -1, m));
        for (int t = 0; t < m.tasks().size(); t++) {
            TaskSpec task = m.tasks().get(t);
            if (DENSE.contains(task.kind())) {
                targets.add(new Target(task.name(), task, t, m));
            }
        }
        return new SampleTargets(null, m, test.get(), List.copyOf(targets));
    }

    static SampleTargets unavailable(String why) {
        return new SampleTargets(why, null, null, List.of());
    }

    /** Why there are no pictures; null when there are. */
    String unavailable() {
        return unavailable;
    }

    BenchmarkManifest manifest() {
        return manifest;
    }

    Split split() {
        return split;
    }

    int size() {
        return split.samples();
    }

    /** The pictures, input first, in the manifest's task order. */
    List<Target> all() {
        return targets;
    }

    boolean dense() {
        return targets.size() > 1;
    }

    /** {@code text} as a sample index of the split, if it is one. */
    OptionalInt index(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            return OptionalInt.empty();
        }
        int i = Integer.parseInt(text);
        return i < size() ? OptionalInt.of(i) : OptionalInt.empty();
    }

    /** The picture named by {@code text}: the input when absent, else a task's name or kind. */
    Optional<Target> target(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of(targets.get(0));
        }
        return targets.stream()
                .filter(t -> t.name().equals(text))
                .findFirst()
                .or(() -> targets.stream().filter(t -> t.kind().equals(text)).findFirst());
    }

    /** The names {@link #target} accepts, for messages. */
    List<String> names() {
        return targets.stream().map(Target::name).toList();
    }
}
