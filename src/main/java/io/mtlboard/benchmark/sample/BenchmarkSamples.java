package io.mtlboard.benchmark.sample;

import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.data.BenchmarkData;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.Sample;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.NotFoundProblem;
import io.mtlboard.support.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Sample pictures of the benchmarks whose data MTLBoard has: the test split opened as the worker
 * opens it ({@link BenchmarkData#open}), at first use and never at start-up. The open split is held
 * softly (the FashionScenes arrays take some 80 MB), rendered pictures and galleries in bounded
 * maps; all are keyed by the manifest's SHA-256 in the registry, so a changed manifest is read
 * anew.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BenchmarkSamples {

    private static final Logger LOG = Logger.getLogger(BenchmarkSamples.class);

    /** Samples a page shows of a classification benchmark. */
    static final int CLASSIFICATION_SHOWN = 8;

    /** Samples (scenes) a page shows of a benchmark with dense tasks. */
    static final int DENSE_SHOWN = 3;

    /** Part of every entity tag: changes when the pictures' colours or scale change. */
    static final String RENDERING = "r1";

    private static final int MAX_PICTURES = 512;

    private final MtlboardConfig config;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final Map<String, SoftReference<BenchmarkDataset>> splits = new ConcurrentHashMap<>();
    private final Map<String, SampleGallery> galleries = new ConcurrentHashMap<>();
    private final Map<String, Picture> pictures = new ConcurrentHashMap<>();
    private final Map<String, Object> openLocks = new ConcurrentHashMap<>();

    public BenchmarkSamples(MtlboardConfig config) {
        this.config = config;
    }

    /** A PNG picture and its (strong) entity tag. */
    public record Picture(byte[] png, String etag) {}

    /** A benchmark's manifest at one registry version, and which pictures it offers. */
    private record Source(
            String id, String sha256, BenchmarkManifest manifest, SampleTargets targets) {

        String key() {
            return id + "@" + sha256;
        }
    }

    /**
     * What the benchmark page shows: the first samples of the test split, or why there are none.
     *
     * @throws NotFoundProblem when there is no such benchmark
     */
    public SampleGallery gallery(String benchmarkId) {
        Source source = source(benchmarkId);
        if (source.targets().unavailable() != null) {
            return SampleGallery.none(source.targets().unavailable());
        }
        SampleGallery cached = galleries.get(source.key());
        if (cached != null) {
            return cached;
        }
        SampleGallery gallery;
        try {
            gallery = GalleryBuilder.build(source.targets(), split(source));
        } catch (NotFoundProblem e) {
            return SampleGallery.none(e.getMessage());
        }
        galleries.put(source.key(), gallery);
        return gallery;
    }

    /**
     * Picture {@code target} ({@code input}, or a dense task's name or kind) of sample {@code index}
     * of the test split.
     *
     * @throws NotFoundProblem when there is no such benchmark or MTLBoard has no data of it
     * @throws InvalidInputProblem listing a bad index and a bad target at once
     */
    public Picture picture(String benchmarkId, String index, String target) {
        Source source = source(benchmarkId);
        SampleTargets targets = source.targets();
        if (targets.unavailable() != null) {
            throw new NotFoundProblem(targets.unavailable());
        }
        List<Violation> violations = new ArrayList<>();
        int i = targets.index(index).orElse(-1);
        if (i < 0) {
            violations.add(
                    new Violation(
                            "index",
                            "a sample of the "
                                    + targets.split().name()
                                    + " split: an integer from 0 to "
                                    + (targets.size() - 1)));
        }
        Optional<SampleTargets.Target> picked = targets.target(target);
        if (picked.isEmpty()) {
            violations.add(new Violation("target", "one of " + targets.names()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem("Invalid sample picture request", violations);
        }
        String key = source.key() + "/" + i + "/" + picked.get().name();
        Picture cached = pictures.get(key);
        if (cached != null) {
            return cached;
        }
        Sample sample = split(source).get(i);
        Picture fresh =
                new Picture(
                        SamplePictures.png(picked.get().render(sample)),
                        "\"" + source.sha256().substring(0, 16) + "-" + RENDERING + "\"");
        if (pictures.size() >= MAX_PICTURES) {
            pictures.clear();
        }
        pictures.put(key, fresh);
        return fresh;
    }

    private Source source(String benchmarkId) {
        Benchmark b =
                Benchmark.byId(benchmarkId)
                        .orElseThrow(() -> BenchmarkService.unknownBenchmark(benchmarkId));
        Source s = sources.get(b.id);
        if (s != null && s.sha256().equals(b.manifestSha256)) {
            return s;
        }
        Path file = Path.of(config.benchmarksDir()).resolve(b.id).resolve("benchmark.json");
        try {
            BenchmarkManifest m = BenchmarkManifestReader.read(file);
            s = new Source(b.id, b.manifestSha256, m, SampleTargets.of(m));
        } catch (IOException e) {
            // the registry loaded this manifest at start-up; it has gone or changed since
            LOG.warnf(e, "Cannot read the manifest of %s for its sample pictures", b.id);
            s =
                    new Source(
                            b.id,
                            b.manifestSha256,
                            null,
                            SampleTargets.unavailable(
                                    "The manifest of "
                                            + b.name
                                            + " cannot be read on this server, so no sample pictures are shown."));
        }
        sources.put(b.id, s);
        return s;
    }

    /** The open test split, opened at first use. */
    private BenchmarkDataset split(Source source) {
        SoftReference<BenchmarkDataset> ref = splits.get(source.key());
        BenchmarkDataset data = ref == null ? null : ref.get();
        if (data != null) {
            return data;
        }
        // one opening per benchmark: concurrent first requests wait for it
        synchronized (openLocks.computeIfAbsent(source.manifest().id(), id -> new Object())) {
            ref = splits.get(source.key());
            data = ref == null ? null : ref.get();
            if (data != null) {
                return data;
            }
            try {
                data =
                        BenchmarkData.open(
                                source.manifest(),
                                source.targets().split().name(),
                                DataLocations.of(config));
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                LOG.warnf(e, "Cannot open the test split of %s", source.manifest().id());
                throw new NotFoundProblem(
                        "The test split of "
                                + source.manifest().name()
                                + " cannot be read on this server, so no sample pictures are shown.");
            }
            splits.put(source.key(), new SoftReference<>(data));
            return data;
        }
    }
}
