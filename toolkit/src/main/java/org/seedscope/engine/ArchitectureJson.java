package org.seedscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * An architecture as JSON: {@code {"description", "inputShape": [...], "layers": [{"type":
 * "Conv2d", "name": ..., ...}]}}, every layer written field by field from its record components,
 * so a new layer field needs no change here. An imported graph is written as {@code "onnx"}, the
 * base64 of its structure ({@link ImportedGraph#structure()}), and {@code "frozen"}.
 */
final class ArchitectureJson {
    private ArchitectureJson() {}

    static ObjectNode write(ObjectMapper json, Architecture arch) {
        ObjectNode out = json.createObjectNode();
        out.put("description", arch.toString());
        ArrayNode shape = out.putArray("inputShape");
        arch.inputShape().forEach(shape::add);
        if (arch.imported().isPresent()) {
            ImportedGraph g = arch.imported().get();
            out.put("onnx", java.util.Base64.getEncoder().encodeToString(g.structure().toByteArray()));
            g.frozen().forEach(out.putArray("frozen")::add);
            return out;
        }
        ArrayNode layers = out.putArray("layers");
        for (Layer layer : arch.layers()) {
            ObjectNode l = layers.addObject();
            l.put("type", layer.getClass().getSimpleName());
            for (RecordComponent c : layer.getClass().getRecordComponents()) {
                l.putPOJO(c.getName(), value(c, layer));
            }
        }
        return out;
    }

    private static Object value(RecordComponent c, Layer layer) {
        try {
            return c.getAccessor().invoke(layer);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + layer, e);
        }
    }

    /**
     * @param node the {@code architecture} object
     * @param where the file, for messages
     * @return the architecture
     */
    static Architecture read(JsonNode node, String where) {
        if (node.has("onnx")) {
            java.util.Set<String> frozen = new java.util.TreeSet<>();
            node.path("frozen").forEach(f -> frozen.add(f.asText()));
            try {
                ai.onnx.proto.OnnxMl.ModelProto structure = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(
                        java.util.Base64.getDecoder().decode(node.get("onnx").asText()));
                String description = node.path("description").asText("onnx imported");
                String name = description.startsWith("onnx ") ? description.substring(5).replaceAll(" [^ ]*$", "")
                        : description;
                return new Architecture(ImportedGraph.of(name, structure, frozen));
            } catch (com.google.protobuf.InvalidProtocolBufferException | IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": the imported graph cannot be read: " + e.getMessage(), e);
            }
        }
        List<Integer> shape = new ArrayList<>();
        node.path("inputShape").forEach(d -> shape.add(d.asInt()));
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : node.path("layers")) {
            layers.add(layer(l, where));
        }
        return new Architecture(node.path("description").asText("custom"), shape, layers);
    }

    private static Layer layer(JsonNode l, String where) {
        String type = l.path("type").asText();
        for (Class<?> k : Layer.class.getPermittedSubclasses()) {
            if (k.getSimpleName().equals(type)) {
                RecordComponent[] comps = k.getRecordComponents();
                Class<?>[] types = new Class<?>[comps.length];
                Object[] args = new Object[comps.length];
                for (int i = 0; i < comps.length; i++) {
                    types[i] = comps[i].getType();
                    JsonNode v = l.get(comps[i].getName());
                    if (v == null) {
                        throw new IllegalArgumentException(where + ": layer " + l.path("name").asText() + " (" + type
                                + ") has no field '" + comps[i].getName() + "'");
                    }
                    args[i] = types[i] == int.class ? v.asInt() : types[i] == boolean.class ? v.asBoolean()
                            : types[i] == double.class ? v.asDouble() : v.asText();
                }
                try {
                    Constructor<?> ctor = k.getDeclaredConstructor(types);
                    return (Layer) ctor.newInstance(args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof IllegalArgumentException iae
                            ? new IllegalArgumentException(where + ": " + iae.getMessage(), iae)
                            : new IllegalStateException("cannot build layer " + type, e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot build layer " + type, e);
                }
            }
        }
        throw new IllegalArgumentException(where + ": unknown layer type '" + type + "'");
    }
}
