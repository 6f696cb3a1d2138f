package org.seedscope.study;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.seedscope.data.Examples;
import org.seedscope.engine.Model;
import org.seedscope.engine.ModelFiles;
import org.seedscope.unlearn.AmnesiacRecording;

/**
 * Trained originals and Retrain models (and Amnesiac's training-time recordings), cached on disk under a key that hashes everything that
 * determines them (training data content, architecture, training config, seed, toolkit and ONNX
 * Runtime versions), and memoised in memory so concurrent cells needing the same model train it
 * once. Models are written atomically ({@link ModelFiles#save}), so an interrupted run never
 * leaves a half-written entry.
 */
final class ModelCache {
    private final Path dir;
    private final ConcurrentHashMap<String, FutureTask<Object>> memo = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();

    ModelCache(Path dir) {
        this.dir = dir;
    }

    /**
     * @param key a cache key from {@link #key}
     * @param train trains the model when it is not cached
     * @return the cached or freshly trained model
     */
    Model get(String key, Supplier<Model> train) {
        return memo(key, () -> {
            Path folder = dir.resolve(key);
            if (Files.isRegularFile(folder.resolve("model.json"))) {
                hits.incrementAndGet();
                return ModelFiles.load(folder);
            }
            misses.incrementAndGet();
            Model model = train.get();
            ModelFiles.save(model, folder);
            return model;
        });
    }

    /**
     * @param key a cache key from {@link #key}
     * @param record makes the recording when it is not cached
     * @return the cached or fresh Amnesiac recording
     */
    AmnesiacRecording recording(String key, Supplier<AmnesiacRecording> record) {
        return memo(key, () -> {
            Path file = dir.resolve(key + ".amnesiac");
            if (Files.isRegularFile(file)) {
                return RecordingFiles.read(file);
            }
            AmnesiacRecording r = record.get();
            RecordingFiles.write(r, file);
            return r;
        });
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(String key, java.util.concurrent.Callable<T> compute) {
        FutureTask<Object> task = new FutureTask<>(compute::call);
        FutureTask<Object> existing = memo.putIfAbsent(key, task);
        if (existing == null) {
            task.run();
            existing = task;
        }
        try {
            return (T) existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while waiting for " + key);
        } catch (ExecutionException e) {
            memo.remove(key, existing);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("making " + key + " failed", e.getCause());
        }
    }

    /** @return models loaded from disk */
    int hits() {
        return hits.get();
    }

    /** @return models trained because they were not on disk */
    int misses() {
        return misses.get();
    }

    /**
     * @param parts everything that determines a model, as text
     * @param dataHash the content hash of its training data ({@link #hash})
     * @return hex SHA-256 key (first 128 bits)
     */
    static String key(String parts, String dataHash) {
        return sha256((parts + "|data=" + dataHash).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * @param data examples
     * @return hex SHA-256 of their shape, features and labels
     */
    static String hash(Examples data) {
        ByteBuffer b = ByteBuffer.allocate(data.x().length * 4 + data.y().length * 4 + 8);
        b.putInt(data.features()).putInt(data.classes());
        b.asFloatBuffer().put(data.x());
        b.position(b.position() + data.x().length * 4);
        b.asIntBuffer().put(data.y());
        return sha256(b.array());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
