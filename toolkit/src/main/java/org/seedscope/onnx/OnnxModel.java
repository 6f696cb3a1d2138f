package org.seedscope.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.ImportedGraph;
import org.seedscope.engine.Model;
import org.seedscope.files.Sha256;

/**
 * A user's ONNX network that SeedScope trains, unlearns and evaluates like a built-in one, e.g. a
 * PyTorch CNN exported with {@code torch.onnx.export}. Opening a file checks everything before any
 * work ({@link ImportedGraph} lists the requirements; every message names the file and the input,
 * node or initializer that is wrong) and makes an {@link Architecture} whose parameters are the
 * file's weights, biases and batch-normalisation scale and shift (minus any {@code frozen} names),
 * and whose state is its running statistics.
 *
 * <p>Optionally, originals trained elsewhere: one file per training seed, each with the same graph
 * (same nodes, initializers of the same shapes, equal constants), so a study can unlearn the
 * user's own trained models instead of training originals itself. Training seed {@code s} uses the
 * {@code s}-th file (1-based).
 *
 * <p>Immutable. Two models are equal when their files (paths and SHA-256), frozen names and
 * originals are.
 */
public final class OnnxModel {
    private final Source file;
    private final Set<String> frozen;
    private final List<Source> originalFiles;
    private final ImportedGraph graph;
    private final Architecture architecture;
    private final Model model;
    private final List<Model> originals;

    /**
     * A file read from disk.
     *
     * @param path its absolute, normalised path
     * @param sha256 hex SHA-256 of its bytes
     */
    public record Source(Path path, String sha256) {
        /** Checks both are given. */
        public Source {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }

        /** @return the file name, e.g. {@code net.onnx} */
        public String name() {
            return path.getFileName().toString();
        }
    }

    private OnnxModel(Source file, Set<String> frozen, List<Source> originalFiles, ImportedGraph graph,
            Architecture architecture, Model model, List<Model> originals) {
        this.file = file;
        this.frozen = frozen;
        this.originalFiles = originalFiles;
        this.graph = graph;
        this.architecture = architecture;
        this.model = model;
        this.originals = originals;
    }

    /**
     * @param file an ONNX model file
     * @return the network, every initializer in a weight position trainable, no originals
     * @throws IllegalArgumentException naming the file and what is wrong with it
     * @throws UncheckedIOException when the file cannot be read
     */
    public static OnnxModel open(Path file) {
        return open(file, Set.of(), List.of());
    }

    /**
     * @param file an ONNX model file
     * @param frozen initializer names to keep constant although they are weights
     * @param originals files of originals trained elsewhere with the same graph, one per training
     *     seed (training seed s uses file s, 1-based); empty to let SeedScope train originals
     * @return the network
     * @throws IllegalArgumentException naming the file and what is wrong with it
     * @throws UncheckedIOException when a file cannot be read
     */
    public static OnnxModel open(Path file, Collection<String> frozen, List<Path> originals) {
        Set<String> f = new TreeSet<>(frozen);
        Read main = read(file);
        ImportedGraph graph;
        try {
            graph = ImportedGraph.of(main.source().name(), main.model(), f);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ONNX file " + main.source().path() + ": " + e.getMessage(), e);
        }
        Architecture arch = new Architecture(graph);
        Model own = model(arch, graph, main, "ONNX file " + main.source().path(), Map.of());
        List<Source> sources = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        for (Path p : originals) {
            Read r = read(p);
            int seed = sources.size() + 1;
            models.add(model(arch, graph, r, "ONNX file " + r.source().path() + " (original of training seed " + seed
                    + ") does not have the graph of " + main.source().name(), Map.of("original_file",
                    r.source().path().toString(), "original_sha256", r.source().sha256(), "train_seed",
                    Integer.toString(seed))));
            sources.add(r.source());
        }
        return new OnnxModel(main.source(), f, List.copyOf(sources), graph, arch, own, List.copyOf(models));
    }

    /**
     * @param names initializer names to keep constant
     * @return this network with those frozen (the files are read again)
     */
    public OnnxModel withFrozen(String... names) {
        return open(file.path(), List.of(names), originalFiles.stream().map(Source::path).toList());
    }

    /**
     * @param files originals trained elsewhere, one per training seed (training seed s uses file s)
     * @return this network with those originals (the files are read again)
     */
    public OnnxModel withOriginals(Path... files) {
        return open(file.path(), frozen, List.of(files));
    }

    private record Read(Source source, ModelProto model) {}

    private static Read read(Path file) {
        Path p = file.toAbsolutePath().normalize();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX file " + p, e);
        }
        try {
            return new Read(new Source(p, Sha256.hex(bytes)), ModelProto.parseFrom(bytes));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("ONNX file " + p + " is not an ONNX model: " + e.getMessage(), e);
        }
    }

    private static Model model(Architecture arch, ImportedGraph graph, Read r, String what, Map<String, String> extra) {
        ImportedGraph.Values v;
        try {
            v = graph.values(r.model());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        Map<String, String> provenance = new java.util.TreeMap<>(extra);
        provenance.put("onnx_file", r.source().path().toString());
        provenance.put("onnx_sha256", r.source().sha256());
        return new Model(arch, v.parameters(), v.state(), provenance);
    }

    /** @return the network's file */
    public Source file() {
        return file;
    }

    /** @return the frozen initializer names, sorted */
    public Set<String> frozen() {
        return java.util.Collections.unmodifiableSet(frozen);
    }

    /** @return the originals' files, training seed 1 first (empty: SeedScope trains the originals) */
    public List<Source> originalFiles() {
        return originalFiles;
    }

    /** @return the imported graph */
    public ImportedGraph graph() {
        return graph;
    }

    /** @return the architecture the engine runs */
    public Architecture architecture() {
        return architecture;
    }

    /** @return the model holding the file's own weights and running statistics (a copy) */
    public Model model() {
        return model.copy();
    }

    /**
     * @param trainSeed a training seed, 1 to the number of originals
     * @return a copy of that seed's original, its provenance naming the file and its SHA-256
     * @throws IllegalArgumentException when there is no file for that seed
     */
    public Model original(long trainSeed) {
        if (trainSeed < 1 || trainSeed > originals.size()) {
            throw new IllegalArgumentException("training seed " + trainSeed + " has no original: " + file.name()
                    + " has " + originals.size() + " originals files, for training seeds 1 to " + originals.size());
        }
        return originals.get((int) trainSeed - 1).copy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxModel m && m.file.equals(file) && m.frozen.equals(frozen)
                && m.originalFiles.equals(originalFiles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, frozen, originalFiles);
    }

    /** @return e.g. {@code OnnxModel[net.onnx sha256 1d61f5ae5467, 1x28x28->10, 9,290 parameters, 3 originals]} */
    @Override
    public String toString() {
        return "OnnxModel[" + file.name() + " sha256 " + file.sha256().substring(0, 12) + ", "
                + architecture.toString().replaceFirst("^onnx \\S+ ", "") + ", "
                + String.format(java.util.Locale.ROOT, "%,d", architecture.parameterCount()) + " parameters"
                + (frozen.isEmpty() ? "" : ", frozen " + frozen)
                + (originals.isEmpty() ? "" : ", " + originals.size() + " originals") + "]";
    }
}
