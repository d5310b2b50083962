package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A reference run's state after its last finished epoch, so that a stopped run resumes at the next
 * epoch instead of starting over (the long runs of a dense benchmark outlast a working session).
 * The folder holds {@code state.json} — the run's identity (bundle, protocol hash, rate), the epoch,
 * the training log so far, the counters and generator positions of the trainer, each network's
 * optimizer and method — and {@code arrays-<epoch>.bin}, every array (parameters, best-validation
 * copies, optimizer moments) in float32 with its name and shape; {@code state.json} names the
 * arrays file and its SHA-256. Each file is written under a temporary name and moved into place,
 * the state last: a stop while writing leaves the previous checkpoint whole. A checkpoint of
 * another identity, or whose arrays do not match their hash, is not used.
 */
final class RunCheckpoint {

    static final String STATE = "state.json";

    /** Folder of the runs' checkpoints beside their bundles (not imported, not committed). */
    static final String DIR = ".checkpoints";

    /**
     * The pause file in the reference output folder: while it exists, every reference run stops
     * right after its next checkpoint and no run starts ({@code perf/pause-sweeps.sh}).
     */
    static final String PAUSE_FILE = ".pause";

    /** Exit status of a {@code reference} process that stopped on a pause request (EX_TEMPFAIL). */
    static final int PAUSED_STATUS = 75;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String identity;
    private final Path pauseFile;

    /** @param identity what must match for the checkpoint to be resumed: bundle, protocol hash, rate */
    RunCheckpoint(Path dir, String identity) {
        this(dir, identity, null);
    }

    private RunCheckpoint(Path dir, String identity, Path pauseFile) {
        this.dir = dir;
        this.identity = identity;
        this.pauseFile = pauseFile;
    }

    /**
     * The same checkpoint, whose run pauses once a checkpoint is written while {@code file} exists
     * (see {@link Paused}); null: never.
     */
    RunCheckpoint withPauseFile(Path file) {
        return new RunCheckpoint(dir, identity, file);
    }

    /** Whether a pause is requested: the pause file exists. */
    boolean pauseRequested() {
        return pauseFile != null && Files.exists(pauseFile);
    }

    /**
     * A run stopped on request right after its checkpoint of {@code epoch} was written: it resumes
     * from there when it is started again. Not a failure.
     */
    static final class Paused extends RuntimeException {

        Paused(int epoch, Path dir) {
            this("paused after epoch " + epoch + ", checkpoint in " + dir);
        }

        private Paused(String message) {
            super(message, null, false, false);
        }

        /** No run was in training when the pause was seen: none starts. */
        static Paused beforeStart(Path pauseFile) {
            return new Paused("not started: a pause is requested (" + pauseFile + " exists)");
        }
    }

    Path dir() {
        return dir;
    }

    /** A checkpoint read back: the state and the arrays, created in the caller's manager. */
    record Loaded(JsonNode state, Map<String, NDArray> arrays) {}

    /** Writes the state after epoch {@code epoch}; {@code state} gains the identity and the arrays' file and hash. */
    void write(int epoch, ObjectNode state, Map<String, NDArray> arrays) throws IOException {
        Files.createDirectories(dir);
        byte[] bytes = encode(arrays);
        String name = "arrays-" + epoch + ".bin";
        move(Files.write(dir.resolve(name + ".tmp"), bytes), dir.resolve(name));
        state.put("identity", identity);
        state.put("epoch", epoch);
        state.put("arrays", name);
        state.put("arraysSha256", sha256(bytes));
        move(
                Files.write(dir.resolve(STATE + ".tmp"), JSON.writeValueAsBytes(state)),
                dir.resolve(STATE));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("arrays-") && !n.equals(name)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * Writes the state after {@code epoch} as {@link #write} does; a failure is reported on
     * standard error and the run goes on (a stop before the next checkpoint resumes from an older
     * one, or starts over).
     *
     * @return whether the checkpoint was written
     */
    boolean keep(int epoch, ObjectNode state, Map<String, NDArray> arrays) {
        try {
            write(epoch, state, arrays);
            return true;
        } catch (IOException | RuntimeException e) {
            System.err.println("checkpoint " + dir + " not written: " + e);
            return false;
        }
    }

    /**
     * The checkpoint, when one of this identity is whole; otherwise empty, with the reason in
     * {@code why} (no checkpoint: empty reason).
     */
    Optional<Loaded> read(NDManager manager, StringBuilder why) throws IOException {
        Path stateFile = dir.resolve(STATE);
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        JsonNode state;
        try {
            state = JSON.readTree(stateFile.toFile());
        } catch (IOException e) {
            why.append("unreadable ").append(stateFile).append(": ").append(e.getMessage());
            return Optional.empty();
        }
        if (!identity.equals(state.path("identity").asText())) {
            why.append("it belongs to ").append(state.path("identity").asText());
            return Optional.empty();
        }
        Path arraysFile = dir.resolve(state.path("arrays").asText());
        if (!Files.isRegularFile(arraysFile)) {
            why.append("its arrays file ").append(arraysFile.getFileName()).append(" is missing");
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(arraysFile);
        if (!sha256(bytes).equals(state.path("arraysSha256").asText())) {
            why.append("its arrays do not match their hash");
            return Optional.empty();
        }
        return Optional.of(new Loaded(state, decode(bytes, manager)));
    }

    /** The epoch the checkpoint was written after, if this run has one (not checked further). */
    Optional<Integer> epoch() {
        Path stateFile = dir.resolve(STATE);
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        try {
            JsonNode state = JSON.readTree(stateFile.toFile());
            return identity.equals(state.path("identity").asText())
                    ? Optional.of(state.path("epoch").asInt())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The checkpoint to resume from, if a whole one of this identity exists; any other checkpoint
     * here is reported on standard error and left for the run to overwrite.
     */
    Optional<Loaded> resume(NDManager manager) {
        StringBuilder why = new StringBuilder();
        Optional<Loaded> loaded;
        try {
            loaded = read(manager, why);
        } catch (IOException e) {
            why.append(e.getMessage());
            loaded = Optional.empty();
        }
        if (loaded.isEmpty() && !why.isEmpty()) {
            System.err.println("checkpoint " + dir + " not resumed: " + why + "; starting over");
        }
        return loaded;
    }

    /** Sets each of {@code params} to the array saved as {@code <prefix><index>}, which must fit it. */
    static void setArrays(List<Parameter> params, Map<String, NDArray> arrays, String prefix) {
        for (int j = 0; j < params.size(); j++) {
            NDArray target = params.get(j).getArray();
            NDArray saved = arrays.get(prefix + j);
            if (saved == null || !saved.getShape().equals(target.getShape())) {
                throw new IllegalStateException(
                        "checkpoint array " + prefix + j + " does not fit the network");
            }
            target.set(saved.toFloatArray());
        }
    }

    /** Removes the checkpoint (after the run's bundle is written). */
    void delete() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    static byte[] encode(Map<String, NDArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(arrays.size());
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                NDArray a = e.getValue();
                if (a.getDataType() != DataType.FLOAT32) {
                    throw new IllegalArgumentException(
                            e.getKey() + " is " + a.getDataType() + ", not float32");
                }
                out.writeUTF(e.getKey());
                long[] shape = a.getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                float[] values = a.toFloatArray();
                out.writeInt(values.length);
                for (float v : values) {
                    out.writeFloat(v);
                }
            }
        }
        return bytes.toByteArray();
    }

    static Map<String, NDArray> decode(byte[] bytes, NDManager manager) throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try (InputStream raw = new java.io.ByteArrayInputStream(bytes);
                DataInputStream in = new DataInputStream(raw)) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                }
                float[] values = new float[in.readInt()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readFloat();
                }
                arrays.put(name, manager.create(values, new Shape(shape)));
            }
        }
        return arrays;
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
