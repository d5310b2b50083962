package io.mtlboard.benchmark.data;

import io.mtlboard.support.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Regenerates the data files shipped in {@code benchmarks-data/} from the original Fashion-MNIST
 * IDX files, and prints each file's SHA-256 for the manifests. Usage (after {@code mvn compile}):
 *
 * <pre>java -cp target/classes io.mtlboard.benchmark.data.BundledDataGenerator \
 *     /usr/share/datasets/fashion-mnist benchmarks-data</pre>
 *
 * Writes the MultiFashion test split and training subset, and the Fashion-MNIST item banks that
 * FashionScenes composes; then renders the FashionScenes test split into a temporary directory
 * and prints its checksums (that split is generated at first use, not shipped).
 */
public final class BundledDataGenerator {

    /** Seeds and sizes of the bundled splits; the manifests repeat them. */
    public static final long MULTIFASHION_TEST_SEED = 1;

    public static final long MULTIFASHION_TRAIN_SEED = 2;
    public static final int MULTIFASHION_TRAIN_SUBSET = 2000;
    public static final int MULTIFASHION_TEST_SHARDS = 2;
    public static final int TEST_ITEMS_PER_CLASS = 100;
    public static final int TRAIN_ITEMS_PER_CLASS = 300;
    public static final long FASHIONSCENES_TEST_SEED = 11;
    public static final int FASHIONSCENES_TEST_SAMPLES = 1000;

    private BundledDataGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println(
                    "usage: BundledDataGenerator <fashion-mnist-dir> <benchmarks-data-dir>");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long start = System.nanoTime();
        FashionMnist train = FashionMnist.load(source, FashionMnist.Part.TRAIN);
        FashionMnist test = FashionMnist.load(source, FashionMnist.Part.TEST);
        List<Path> written = new ArrayList<>();
        written.addAll(
                itemBank(
                        test.firstPerClass(TEST_ITEMS_PER_CLASS),
                        out.resolve("fashion-mnist"),
                        "test-items"));
        written.addAll(
                itemBank(
                        train.firstPerClass(TRAIN_ITEMS_PER_CLASS),
                        out.resolve("fashion-mnist"),
                        "train-items"));
        Path mf = Files.createDirectories(out.resolve("multifashion"));
        int shard = test.count() / MULTIFASHION_TEST_SHARDS;
        byte[] testLabels = new byte[test.count() * 2];
        for (int s = 0; s < MULTIFASHION_TEST_SHARDS; s++) {
            MultiFashion.Composites c =
                    MultiFashion.generate(test, MULTIFASHION_TEST_SEED, s * shard, shard);
            written.add(
                    images(mf.resolve("test-images-" + s + "-idx3-ubyte.gz"), c.images(), shard));
            System.arraycopy(c.labels(), 0, testLabels, s * shard * 2, shard * 2);
        }
        written.add(labels(mf.resolve("test-labels-idx2-ubyte.gz"), testLabels, test.count()));
        MultiFashion.Composites sub =
                MultiFashion.generate(train, MULTIFASHION_TRAIN_SEED, 0, MULTIFASHION_TRAIN_SUBSET);
        written.add(
                images(
                        mf.resolve("train-subset-images-idx3-ubyte.gz"),
                        sub.images(),
                        MULTIFASHION_TRAIN_SUBSET));
        written.add(
                labels(
                        mf.resolve("train-subset-labels-idx2-ubyte.gz"),
                        sub.labels(),
                        MULTIFASHION_TRAIN_SUBSET));
        for (Path f : written) {
            System.out.printf("%s  %8d  %s%n", Sha256.of(f), Files.size(f), f);
        }
        System.out.printf("shipped files written in %.1f s%n", (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        Path scenes = Files.createTempDirectory("fashionscenes-test");
        FashionScenesFiles.write(
                test.firstPerClass(TEST_ITEMS_PER_CLASS),
                FASHIONSCENES_TEST_SEED,
                FASHIONSCENES_TEST_SAMPLES,
                scenes);
        for (String f :
                new String[] {
                    FashionScenesFiles.IMAGES,
                    FashionScenesFiles.SEGMENTATION,
                    FashionScenesFiles.DEPTH,
                    FashionScenesFiles.NORMALS
                }) {
            Path p = scenes.resolve(f);
            System.out.printf(
                    "%s  %8d  fashionscenes test split (generated): %s%n",
                    Sha256.of(p), Files.size(p), f);
        }
        System.out.printf(
                "FashionScenes test split rendered in %.1f s into %s%n",
                (System.nanoTime() - start) / 1e9, scenes);
    }

    private static List<Path> itemBank(FashionMnist bank, Path dir, String name)
            throws IOException {
        Files.createDirectories(dir);
        Path img = images(dir.resolve(name + "-images-idx3-ubyte.gz"), bank.pixels(), bank.count());
        Path lab = dir.resolve(name + "-labels-idx1-ubyte.gz");
        IdxFiles.write(lab, NumericArray.ofUint8(new int[] {bank.count()}, bank.labels()), true);
        return Arrays.asList(img, lab);
    }

    private static Path images(Path file, byte[] pixels, int count) throws IOException {
        IdxFiles.write(
                file,
                NumericArray.ofUint8(
                        new int[] {count, FashionMnist.SIDE, FashionMnist.SIDE}, pixels),
                true);
        return file;
    }

    private static Path labels(Path file, byte[] labels, int count) throws IOException {
        IdxFiles.write(file, NumericArray.ofUint8(new int[] {count, 2}, labels), true);
        return file;
    }
}
