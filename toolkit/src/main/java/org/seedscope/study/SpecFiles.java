package org.seedscope.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.seedscope.engine.Mlp;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.train.Schedule;
import org.seedscope.train.TrainingConfig;

/**
 * Reads and writes study specs as YAML or JSON (same fields, camelCase; see {@link StudySpec}).
 * Fields left out take the values of {@link StudySpec#demo()}. Every error names the file, the
 * field, the bad value and what is allowed.
 */
public final class SpecFiles {
    private static final Set<String> FIELDS = Set.of("name", "dataset", "labelColumn", "trainSize", "testSize",
            "model", "training", "forget", "methods", "metrics", "trainingSeeds", "unlearningSeeds", "protocols",
            "protocol", "baseSeed", "device", "datasetSha256");
    private static final Set<String> TRAINING_FIELDS = Set.of("epochs", "batchSize", "optimizer", "learningRate",
            "momentum", "weightDecay", "schedule");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecFiles() {}

    /**
     * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
     * @return the spec
     */
    public static StudySpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file, e);
        }
        String lower = file.getFileName().toString().toLowerCase();
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        return parse(text, yaml, file.toString());
    }

    /**
     * @param text spec text
     * @param yaml true for YAML, false for JSON
     * @param source name used in error messages
     * @return the spec
     */
    public static StudySpec parse(String text, boolean yaml, String source) {
        JsonNode root;
        try {
            root = (yaml ? new ObjectMapper(new YAMLFactory()) : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a spec must be a mapping of fields, e.g. dataset: fashion-mnist");
        }
        Reader r = new Reader(source);
        r.checkFields(root, FIELDS, "");
        StudySpec d = StudySpec.demo();
        List<Protocol> protocols = d.protocols();
        if (root.has("protocols") && root.has("protocol")) {
            throw new IllegalArgumentException(source + ": give either 'protocol' or 'protocols', not both");
        }
        if (root.has("protocol")) {
            protocols = List.of(r.parsed(root, "protocol", Protocol::parse));
        } else if (root.has("protocols")) {
            protocols = r.list(root, "protocols").stream().map(p -> r.parsedValue("protocols", p, Protocol::parse)).toList();
        }
        try {
            return build(r, root, d, protocols);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(source) ? e : new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static StudySpec build(Reader r, JsonNode root, StudySpec d, List<Protocol> protocols) {
        boolean isTribuo = StudySpec.TRIBUO_LR.equals(r.text(root, "model", ""));
        return new StudySpec(r.text(root, "name", d.name()), r.text(root, "dataset", d.dataset()),
                r.text(root, "labelColumn", d.labelColumn()), r.integer(root, "trainSize", d.trainSize()),
                r.integer(root, "testSize", d.testSize()),
                isTribuo ? new Mlp(List.of()) : root.has("model") ? r.parsed(root, "model", Mlp::parse) : d.model(),
                root.has("training") ? training(r, root.get("training"), d.training()) : d.training(),
                root.has("forget") ? r.list(root, "forget") : d.forget(),
                root.has("methods") ? r.list(root, "methods") : d.methods(),
                root.has("metrics") ? r.list(root, "metrics") : d.metrics(),
                r.integer(root, "trainingSeeds", d.trainingSeeds()),
                r.integer(root, "unlearningSeeds", d.unlearningSeeds()), protocols,
                r.integer(root, "baseSeed", (int) d.baseSeed()), r.text(root, "device", d.device()),
                isTribuo ? StudySpec.TRIBUO_LR : StudySpec.MLP);
    }

    private static TrainingConfig training(Reader r, JsonNode node, TrainingConfig d) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(r.source + ": field 'training' must be a mapping with " + TRAINING_FIELDS);
        }
        r.checkFields(node, TRAINING_FIELDS, "training.");
        String opt = r.text(node, "optimizer", d.optimizer() instanceof OptimizerSpec.Adam ? "adam" : "sgd");
        double lr = r.number(node, "learningRate", d.optimizer().learningRate());
        double wd = r.number(node, "weightDecay",
                d.optimizer() instanceof OptimizerSpec.Sgd s ? s.weightDecay() : 0);
        OptimizerSpec optimizer = switch (opt) {
            case "sgd" -> new OptimizerSpec.Sgd(lr, r.number(node, "momentum",
                    d.optimizer() instanceof OptimizerSpec.Sgd s ? s.momentum() : 0.9), wd);
            case "adam" -> new OptimizerSpec.Adam(lr, 0.9, 0.999, 1e-8, wd);
            default -> throw new IllegalArgumentException(r.source + ": field 'training.optimizer' is '" + opt
                    + "': use sgd or adam");
        };
        return new TrainingConfig(r.integer(node, "epochs", d.epochs()), r.integer(node, "batchSize", d.batchSize()),
                optimizer, node.has("schedule") ? r.parsed(node, "schedule", Schedule::parse) : d.schedule());
    }

    /**
     * @param spec a spec
     * @return its canonical JSON form (what {@link #parse} reads back to an equal spec)
     */
    public static String toJson(StudySpec spec) {
        return toJson(spec, null);
    }

    /**
     * The canonical JSON form with the content hash of the data the spec resolved to, as written
     * to a study's {@code spec.json} (reading it back ignores the hash).
     *
     * @param spec a spec
     * @param datasetSha256 the data's content hash, or null to leave it out
     * @return the JSON text
     */
    public static String toJson(StudySpec spec, String datasetSha256) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", spec.name());
        o.put("dataset", spec.dataset());
        o.put("labelColumn", spec.labelColumn());
        o.put("trainSize", spec.trainSize());
        o.put("testSize", spec.testSize());
        o.put("model", spec.modelId());
        ObjectNode t = o.putObject("training");
        TrainingConfig c = spec.training();
        t.put("epochs", c.epochs());
        t.put("batchSize", c.batchSize());
        t.put("learningRate", c.optimizer().learningRate());
        if (c.optimizer() instanceof OptimizerSpec.Sgd s) {
            t.put("optimizer", "sgd");
            t.put("momentum", s.momentum());
            t.put("weightDecay", s.weightDecay());
        } else if (c.optimizer() instanceof OptimizerSpec.Adam a) {
            t.put("optimizer", "adam");
            t.put("weightDecay", a.weightDecay());
        }
        t.put("schedule", c.schedule().toString());
        strings(o.putArray("forget"), spec.forget());
        strings(o.putArray("methods"), spec.methods());
        strings(o.putArray("metrics"), spec.metrics());
        o.put("trainingSeeds", spec.trainingSeeds());
        o.put("unlearningSeeds", spec.unlearningSeeds());
        strings(o.putArray("protocols"), spec.protocols().stream().map(Protocol::id).toList());
        o.put("baseSeed", spec.baseSeed());
        o.put("device", spec.device());
        if (datasetSha256 != null) {
            o.put("datasetSha256", datasetSha256);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec as JSON", e);
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** Typed field access with messages naming the source and field. */
    private record Reader(String source) {
        void checkFields(JsonNode node, Set<String> allowed, String prefix) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw new IllegalArgumentException(source + ": unknown field '" + prefix + f + "'; allowed: "
                            + allowed.stream().sorted().map(a -> prefix + a).toList());
                }
            }
        }

        String text(JsonNode node, String field, String fallback) {
            JsonNode v = node.get(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isTextual()) {
                throw wrongType(field, v, "a string");
            }
            return v.asText();
        }

        int integer(JsonNode node, String field, int fallback) {
            JsonNode v = node.get(field);
            if (v == null) {
                return fallback;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw wrongType(field, v, "a whole number");
            }
            return v.asInt();
        }

        double number(JsonNode node, String field, double fallback) {
            JsonNode v = node.get(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw wrongType(field, v, "a number");
            }
            return v.asDouble();
        }

        List<String> list(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v.isTextual()) {
                return List.of(v.asText());
            }
            if (!v.isArray()) {
                throw wrongType(field, v, "a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isTextual()) {
                    throw wrongType(field, e, "a list of strings");
                }
                out.add(e.asText());
            }
            return out;
        }

        <T> T parsed(JsonNode node, String field, Function<String, T> parser) {
            return parsedValue(field, text(node, field, null), parser);
        }

        <T> T parsedValue(String field, String value, Function<String, T> parser) {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": field '" + field + "': " + e.getMessage(), e);
            }
        }

        IllegalArgumentException wrongType(String field, JsonNode v, String expected) {
            return new IllegalArgumentException(source + ": field '" + field + "' must be " + expected + ", got "
                    + v.getNodeType().toString().toLowerCase() + " " + v);
        }
    }
}
