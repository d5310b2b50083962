package io.mtlboard.evaluation;

import ai.djl.engine.Engine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads DJL's PyTorch engine on a background thread. Loading libtorch and its JNI library takes
 * 0.5–1 s of mostly native work; started first, it overlaps with reading the benchmark manifest
 * (JSON Schema validation) and decoding the test split, which is where a fresh evaluation process
 * spends that time otherwise. Whoever needs the engine waits in {@link #pytorch()}.
 */
final class EngineLoader {

    private static CompletableFuture<Engine> loading;

    private EngineLoader() {}

    /** Starts loading the engine unless it is loading or loaded already. */
    static synchronized void start() {
        if (loading != null) {
            return;
        }
        CompletableFuture<Engine> future = new CompletableFuture<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                future.complete(Engine.getEngine("PyTorch"));
                            } catch (Throwable e) {
                                future.completeExceptionally(e);
                            }
                        },
                        "pytorch-engine-loader");
        t.setDaemon(true);
        t.start();
        loading = future;
    }

    /**
     * The PyTorch engine, loaded on the background thread (started now if it was not); what
     * loading threw is thrown here as it was.
     */
    static Engine pytorch() {
        start();
        CompletableFuture<Engine> future;
        synchronized (EngineLoader.class) {
            future = loading;
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }
}
