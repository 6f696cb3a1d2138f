package org.seedscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 *   <li>{@code parameters.bin}: the flat parameters as little-endian float32;</li>
 *   <li>{@code model.json}: layer widths, provenance and the parameters' SHA-256.</li>
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
            Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp");
            Engine.exportOnnx(model, tmp.resolve("model.onnx"));
            float[] values = model.parameters().toArray();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            Files.write(tmp.resolve("parameters.bin"), bytes.array());
            ObjectNode meta = JSON.createObjectNode();
            meta.putPOJO("widths", model.architecture().widths());
            meta.put("sha256", model.parameters().sha256());
            meta.putPOJO("provenance", model.provenance());
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("model.json").toFile(), meta);
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model to " + dir, e);
        }
    }

    /**
     * @param dir a folder written by {@link #save}
     * @return the model, with parameters checked against the recorded SHA-256
     */
    public static Model load(Path dir) {
        Path metaFile = dir.resolve("model.json");
        Path binFile = dir.resolve("parameters.bin");
        try {
            JsonNode meta = JSON.readTree(metaFile.toFile());
            List<Integer> widths = new ArrayList<>();
            meta.path("widths").forEach(w -> widths.add(w.asInt()));
            if (widths.size() < 2) {
                throw new IllegalArgumentException(metaFile + ": field 'widths' must list at least input and output widths");
            }
            Architecture arch = new Architecture(widths.get(0), widths.subList(1, widths.size() - 1),
                    widths.get(widths.size() - 1));
            byte[] bytes = Files.readAllBytes(binFile);
            if (bytes.length != arch.parameterCount() * Float.BYTES) {
                throw new IllegalArgumentException(binFile + " holds " + bytes.length / Float.BYTES + " floats but "
                        + arch + " has " + arch.parameterCount() + " parameters");
            }
            float[] values = new float[arch.parameterCount()];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            Map<String, String> provenance = new TreeMap<>();
            meta.path("provenance").fields().forEachRemaining(f -> provenance.put(f.getKey(), f.getValue().asText()));
            Model model = new Model(arch, Parameters.of(values), provenance);
            String expected = meta.path("sha256").asText();
            if (!model.parameters().sha256().equals(expected)) {
                throw new IllegalArgumentException(binFile + " does not match the SHA-256 recorded in " + metaFile);
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model from " + dir, e);
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
