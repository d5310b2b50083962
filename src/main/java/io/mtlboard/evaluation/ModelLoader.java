package io.mtlboard.evaluation;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Loads TorchScript files with DJL's PyTorch engine, and, for an evaluation process, the engine
 * and then the model on background threads. Loading libtorch and its JNI library takes 0.5–1 s of
 * mostly native work, and loading a TorchScript file a little more; started first, both overlap
 * with reading the benchmark manifest (JSON Schema validation) and decoding the test split, which
 * is where a fresh evaluation process spends that time otherwise. Whoever needs the engine or the
 * model waits for it.
 */
final class ModelLoader {

    private static final Executor BACKGROUND =
            task -> {
                Thread t = new Thread(task, "pytorch-loader");
                t.setDaemon(true);
                t.start();
            };

    private static CompletableFuture<Engine> loading;

    /** A loaded model and the device it was loaded on ({@link DeviceSelector#CPU} or GPU). */
    record Loaded(ZooModel<NDList, NDList> model, String device) {}

    private ModelLoader() {}

    /** Starts loading the engine unless it is loading or loaded already. */
    static synchronized CompletableFuture<Engine> start() {
        if (loading == null) {
            loading = CompletableFuture.supplyAsync(() -> Engine.getEngine("PyTorch"), BACKGROUND);
        }
        return loading;
    }

    /**
     * Loads a TorchScript file. The file is given to the engine directly (not through DJL's model
     * zoo, whose repository lookup adds work and nothing for a single file).
     *
     * @param gradients whether gradients can flow through the parameters; otherwise DJL loads them as
     *     inference tensors, which is faster but refuses autograd
     * @throws ModelFault when the file is not a TorchScript model the engine can load
     */
    static ZooModel<NDList, NDList> load(Path file, Device device, boolean gradients)
            throws ModelFault {
        Model model = null;
        try {
            model = Model.newInstance("model", device, "PyTorch");
            model.load(file, null, Map.of("trainParam", String.valueOf(gradients)));
            return new ZooModel<>(model, new NoopTranslator());
        } catch (MalformedModelException | IOException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            throw new ModelFault(
                    "the model could not be loaded as TorchScript: " + ModelErrors.brief(e));
        }
    }

    /**
     * Starts loading a TorchScript file for scoring as soon as the engine is there, on the device
     * {@code requested} (auto, cpu or gpu) resolves to; {@link #await} returns it.
     */
    static CompletableFuture<Loaded> load(Path file, String requested) {
        return start().thenApplyAsync(
                        engine -> {
                            String device = DeviceSelector.select(requested, engine.getGpuCount());
                            try {
                                return new Loaded(
                                        load(file, ModelEvaluator.device(device), false), device);
                            } catch (ModelFault fault) {
                                throw new CompletionException(fault);
                            }
                        },
                        BACKGROUND);
    }

    /**
     * The model loaded by {@link #load}, once it is; what loading threw is thrown here as it was.
     *
     * @throws ModelFault when the file is not a TorchScript model DJL can load
     */
    static Loaded await(CompletableFuture<Loaded> loaded) throws ModelFault {
        try {
            return loaded.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelFault fault) {
                throw fault;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /** Closes the model of {@link #load} when it arrives, for an evaluation that ended before. */
    static void discard(CompletableFuture<Loaded> loaded) {
        loaded.thenAccept(l -> l.model().close());
    }
}
