package org.seedscope.engine;

import org.seedscope.files.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Saves and loads models as a folder of three files:
 * <ul>
 *   <li>{@code model.onnx}: a standalone inference graph any ONNX Runtime can run (see
 *       {@link Engine#exportOnnx});</li>
 *   <li>{@code parameters.bin}: the flat parameters as little-endian float32, and for networks with
 *       batch normalisation {@code state.bin}, the running statistics, likewise;</li>
 *   <li>{@code model.json}: the architecture (input shape and every layer), provenance and the
 *       SHA-256 of parameters (and state). Files written before layer graphs existed, with only
 *       {@code widths}, load as the MLP they describe.</li>
 * </ul>
 * Saving writes a temporary folder and renames it, so a crash never leaves a half-written model.
 */
public final class ModelFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {}

    /**
     * @param model the model
     * @param dir the folder to create (replaced if it exists)
     */
    public static void save(Model model, Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = AtomicFiles.temporarySibling(dir);
            Files.createDirectory(tmp);
            Engine.exportOnnx(model, tmp.resolve("model.onnx"));
            Files.write(tmp.resolve("parameters.bin"), bytes(model.parameters()));
            ObjectNode meta = JSON.createObjectNode();
            meta.set("architecture", ArchitectureJson.write(JSON, model.architecture()));
            meta.put("sha256", model.parameters().sha256());
            if (model.state().size() > 0) {
                Files.write(tmp.resolve("state.bin"), bytes(model.state()));
                meta.put("stateSha256", model.state().sha256());
            }
            meta.putPOJO("provenance", model.provenance());
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("model.json").toFile(), meta);
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot save model to " + dir, e);
        }
    }

    /**
     * @param dir a folder written by {@link #save}
     * @return the model, with parameters and state checked against the recorded SHA-256
     */
    public static Model load(Path dir) {
        Path metaFile = dir.resolve("model.json");
        try {
            JsonNode meta = JSON.readTree(metaFile.toFile());
            Architecture arch = meta.has("architecture") ? ArchitectureJson.read(meta.get("architecture"), metaFile.toString())
                    : legacy(meta, metaFile);
            Parameters params = read(dir.resolve("parameters.bin"), arch.parameterCount(), arch + " parameters");
            check(params, meta.path("sha256").asText(), dir.resolve("parameters.bin"), metaFile);
            Parameters state = Model.initialState(arch);
            if (arch.stateCount() > 0) {
                state = read(dir.resolve("state.bin"), arch.stateCount(), arch + " state values");
                check(state, meta.path("stateSha256").asText(), dir.resolve("state.bin"), metaFile);
            }
            Map<String, String> provenance = new TreeMap<>();
            meta.path("provenance").fields().forEachRemaining(f -> provenance.put(f.getKey(), f.getValue().asText()));
            return new Model(arch, params, state, provenance);
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot load model from " + dir, e);
        }
    }

    private static Architecture legacy(JsonNode meta, Path metaFile) {
        List<Integer> widths = new ArrayList<>();
        meta.path("widths").forEach(w -> widths.add(w.asInt()));
        if (widths.size() < 2) {
            throw new IllegalArgumentException(metaFile + ": needs an 'architecture' object (or, from older "
                    + "versions, 'widths' listing at least input and output widths)");
        }
        return new Architecture(widths.get(0), widths.subList(1, widths.size() - 1), widths.get(widths.size() - 1));
    }

    private static byte[] bytes(Parameters p) {
        ByteBuffer bytes = ByteBuffer.allocate(p.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(p.toArray());
        return bytes.array();
    }

    private static Parameters read(Path file, int count, String what) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != (long) count * Float.BYTES) {
            throw new IllegalArgumentException(file + " holds " + bytes.length / Float.BYTES + " floats but " + what
                    + " number " + count);
        }
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return Parameters.of(values);
    }

    private static void check(Parameters values, String expected, Path file, Path metaFile) {
        if (!values.sha256().equals(expected)) {
            throw new IllegalArgumentException(file + " does not match the SHA-256 recorded in " + metaFile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
