package org.seedscope.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.seedscope.data.Examples;
import org.seedscope.engine.Model;
import org.seedscope.engine.ModelFiles;
import org.seedscope.files.AtomicFiles;
import org.seedscope.unlearn.AmnesiacRecording;
import org.seedscope.files.Sha256;

/**
 * Trained originals and Retrain models (and Amnesiac's training-time recordings), cached on disk
 * under a key hashing everything that determines them (training data content, architecture,
 * training settings, seed, toolkit build and ONNX Runtime version; see the callers), and memoised
 * in memory so concurrent cells needing the same model train it once.
 *
 * <p>Each entry is a folder {@code KEY/} holding the model (or recording) and a {@code MANIFEST}
 * with the SHA-256 of every other file in it. Entries are built under a temporary name and renamed
 * into place, so readers never see a partial entry, and two processes sharing a cache folder may
 * both train a model but only the first publishes it (the result is the same). Loading verifies
 * every checksum: an entry with a missing, truncated or changed file is moved aside to
 * {@code .broken/} with one warning line, and the model is trained again.
 */
final class ModelCache {
    static final String MANIFEST = "MANIFEST";
    static final String BROKEN = ".broken";
    private final Path dir;
    private final Consumer<String> warnings;
    private final ConcurrentHashMap<String, FutureTask<Object>> memo = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger repaired = new AtomicInteger();

    /**
     * @param dir the cache folder (created when needed; leftover temporary entries are removed)
     * @param warnings receives one line per broken entry moved aside
     */
    ModelCache(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
        AtomicFiles.removeLeftovers(dir);
    }

    /**
     * @param key a cache key from {@link #key}
     * @param train trains the model when no valid entry exists
     * @return the cached or freshly trained model
     */
    Model get(String key, Supplier<Model> train) {
        return memo(key, () -> {
            Path entry = dir.resolve(key);
            Model cached = load(entry, e -> ModelFiles.load(e.resolve("model")));
            if (cached != null) {
                hits.incrementAndGet();
                return cached;
            }
            misses.incrementAndGet();
            Model model = train.get();
            publish(entry, tmp -> ModelFiles.save(model, tmp.resolve("model")));
            return model;
        });
    }

    /**
     * @param key a cache key from {@link #key}
     * @param record makes the recording when no valid entry exists
     * @return the cached or fresh Amnesiac recording
     */
    AmnesiacRecording recording(String key, Supplier<AmnesiacRecording> record) {
        return memo(key, () -> {
            Path entry = dir.resolve(key);
            AmnesiacRecording cached = load(entry, e -> RecordingFiles.read(e.resolve("recording.bin")));
            if (cached != null) {
                return cached;
            }
            AmnesiacRecording r = record.get();
            publish(entry, tmp -> RecordingFiles.write(r, tmp.resolve("recording.bin")));
            return r;
        });
    }

    /** Reads what a verified entry holds. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Path entry);
    }

    /** Writes an entry's content into its temporary folder. */
    @FunctionalInterface
    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    private <T> T load(Path entry, Reader<T> reader) {
        if (!Files.exists(entry)) {
            return null;
        }
        String problem;
        try {
            problem = verify(entry);
            if (problem == null) {
                return reader.read(entry);
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        moveAside(entry, problem);
        return null;
    }

    private void moveAside(Path entry, String problem) {
        Path target = dir.resolve(BROKEN).resolve(entry.getFileName() + "-" + ProcessHandle.current().pid() + "-"
                + repaired.incrementAndGet());
        try {
            Files.createDirectories(target.getParent());
            Files.move(entry, target);
        } catch (IOException e) {
            if (Files.exists(entry)) {
                AtomicFiles.deleteTree(entry);
            }
        }
        warnings.accept("cache entry " + entry + " is damaged (" + problem + "): moved to " + target
                + " and trained again");
    }

    private static String verify(Path entry) {
        Path manifest = entry.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return "no " + MANIFEST;
        }
        try {
            List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "empty " + MANIFEST;
            }
            List<String> listed = new ArrayList<>();
            for (String line : lines) {
                int space = line.indexOf("  ");
                if (space != 64) {
                    return "malformed " + MANIFEST + " line '" + line + "'";
                }
                String name = line.substring(space + 2);
                Path file = entry.resolve(name);
                if (!Files.isRegularFile(file)) {
                    return "missing " + name;
                }
                if (!line.substring(0, 64).equals(Sha256.hex(Files.readAllBytes(file)))) {
                    return name + " does not match its checksum";
                }
                listed.add(name);
            }
            if (!listed.equals(files(entry))) {
                return "files differ from " + MANIFEST;
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private void publish(Path entry, Writer content) {
        Path tmp = AtomicFiles.temporarySibling(entry);
        try {
            Files.createDirectories(tmp);
            content.write(tmp);
            StringBuilder manifest = new StringBuilder();
            for (String name : files(tmp)) {
                manifest.append(Sha256.hex(Files.readAllBytes(tmp.resolve(name)))).append("  ").append(name).append('\n');
            }
            Files.writeString(tmp.resolve(MANIFEST), manifest);
            AtomicFiles.publishFolder(tmp, entry);
        } catch (IOException e) {
            AtomicFiles.deleteTree(tmp);
            throw AtomicFiles.failure("cannot write cache entry " + entry, e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteTree(tmp);
            throw e;
        }
    }

    /** @return the entry's files relative to it, sorted, the manifest left out */
    private static List<String> files(Path entry) throws IOException {
        try (Stream<Path> walk = Files.walk(entry)) {
            return walk.filter(Files::isRegularFile).map(p -> entry.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals(MANIFEST)).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(String key, Callable<T> compute) {
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
            throw new CancellationException("interrupted while waiting for " + key);
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

    /** @return models trained because no valid entry was on disk */
    int misses() {
        return misses.get();
    }

    /** @return damaged entries moved aside */
    int repaired() {
        return repaired.get();
    }

    /**
     * @param canonical everything that determines a model, as canonical text
     * @return the key: the first 32 hex digits of its SHA-256
     */
    static String key(String canonical) {
        return Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
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
        return Sha256.hex(b.array());
    }

}
