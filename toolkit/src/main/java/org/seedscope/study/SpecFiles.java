package org.seedscope.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedscope.files.AtomicFiles;
import org.seedscope.onnx.OnnxModel;
import org.seedscope.files.Sha256;

/**
 * Reads and writes study specs as YAML or JSON: the one mapping between {@link StudySpec} and its
 * file form. {@link #toJson} writes the <em>canonical</em> form — every field, in a fixed order,
 * with the object forms of optimiser, methods and protocols — and {@code parse(toJson(s))} equals
 * {@code s} for every spec. Files may use shorter forms (plain method ids, protocol ids with the
 * top-level {@code trainingSeeds}/{@code unlearningSeeds}, {@code optimizer: sgd} with its fields
 * in {@code training}, {@code dataset: {idx: PATH}}, {@code model: {onnx: PATH, frozen: [...],
 * originals: [...]}} with paths relative to the spec file's folder and written absolute, with
 * every file's SHA-256, in the canonical form); fields left out take the values of
 * {@link StudySpec#demo()}. Every error names the file, the field, the bad value and what is
 * allowed.
 */
public final class SpecFiles {
    /** Name of the canonical spec file a study writes into its folder. */
    public static final String SPEC_JSON = "spec.json";
    private static final Set<String> FIELDS = Set.of("name", "dataset", "labelColumn", "trainSize", "testSize",
            "model", "training", "forget", "methods", "metrics", "trainingSeeds", "unlearningSeeds", "protocols",
            "protocol", "baseSeed", "device", "auditSample");
    /** Fields of the object form of {@code model}, a user's ONNX network ({@link OnnxFamily}). */
    static final Set<String> ONNX_FIELDS = Set.of("onnx", "sha256", "frozen", "originals");
    private static final Set<String> PROTOCOL_FIELDS = Set.of("protocol", "trainingSeeds", "unlearningSeeds");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpecFiles() {}

    /**
     * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
     * @return the spec
     * @throws java.io.UncheckedIOException naming the file when it cannot be read
     */
    public static StudySpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot read spec file " + file, e);
        }
        String lower = file.getFileName().toString().toLowerCase();
        Path folder = file.toAbsolutePath().getParent();
        return parse(text, lower.endsWith(".yaml") || lower.endsWith(".yml"), file.toString(), folder);
    }

    /**
     * Parses a spec whose relative paths (an ONNX model's files) are relative to the working directory.
     *
     * @param text spec text
     * @param yaml true for YAML, false for JSON
     * @param source name used in error messages
     * @return the spec
     * @throws IllegalArgumentException naming the source and the field for any bad input
     */
    public static StudySpec parse(String text, boolean yaml, String source) {
        return parse(text, yaml, source, Path.of(""));
    }

    /**
     * @param text spec text
     * @param yaml true for YAML, false for JSON
     * @param source name used in error messages
     * @param folder the folder relative paths of {@code model: {onnx: ...}} are resolved against (the
     *     spec file's folder)
     * @return the spec
     * @throws IllegalArgumentException naming the source and the field for any bad input
     */
    public static StudySpec parse(String text, boolean yaml, String source, Path folder) {
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
        SpecReader r = new SpecReader(source);
        r.checkFields(root, FIELDS, "");
        try {
            return build(r, root, StudySpec.demo(), folder);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(source) ? e : r.error(e.getMessage(), e);
        }
    }

    private static StudySpec build(SpecReader r, JsonNode root, StudySpec d, Path folder) {
        return new StudySpec(r.text(root, "name", d.name()), dataset(r, root, d.dataset()),
                r.text(root, "labelColumn", d.labelColumn()), r.integer(root, "trainSize", d.trainSize()),
                r.integer(root, "testSize", d.testSize()), model(r, root, d.model(), folder),
                root.has("training") ? TrainingCodec.read(r, root.get("training"), d.training()) : d.training(),
                root.has("forget") ? r.strings(root, "forget") : d.forget(),
                root.has("methods") ? methods(r, root) : d.methods(),
                root.has("metrics") ? r.strings(root, "metrics") : d.metrics(), protocols(r, root, d),
                r.whole(root, "baseSeed", d.baseSeed()), r.text(root, "device", d.device()),
                r.integer(root, "auditSample", d.auditSample()));
    }

    private static ModelFamily model(SpecReader r, JsonNode root, ModelFamily fallback, Path folder) {
        JsonNode v = root.get("model");
        if (v == null) {
            return fallback;
        }
        if (!v.isObject()) {
            return r.parsed("model", r.text(root, "model", null), ModelFamily::parse);
        }
        r.checkFields(v, ONNX_FIELDS, "model.");
        if (!v.has("onnx")) {
            throw r.error("field 'model' as a mapping needs 'onnx: PATH' (an ONNX file, relative to the spec's folder)");
        }
        List<Path> originals = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (JsonNode o : v.has("originals") ? r.items(v, "originals") : List.<JsonNode>of()) {
            if (!o.isTextual() && !(o.isObject() && o.path("file").isTextual())) {
                throw r.wrongType("model.originals", o, "a list of ONNX files (or {file: PATH, sha256: HEX})");
            }
            originals.add(folder.resolve(o.isTextual() ? o.asText() : o.get("file").asText()));
            hashes.add(o.path("sha256").asText(null));
        }
        List<String> frozen = v.has("frozen") ? r.strings(v, "frozen") : List.of();
        OnnxFamily family = r.parsed("model", r.text(v, "onnx", null),
                onnx -> OnnxFamily.open(folder.resolve(onnx), frozen, originals));
        checkHash(r, "model.sha256", v.path("sha256").asText(null), family.model().file());
        for (int i = 0; i < hashes.size(); i++) {
            checkHash(r, "model.originals", hashes.get(i), family.model().originalFiles().get(i));
        }
        return family;
    }

    private static void checkHash(SpecReader r, String field, String expected, OnnxModel.Source s) {
        if (expected != null && !expected.equals(s.sha256())) {
            throw r.error("field '" + field + "': ONNX file " + s.path() + " has SHA-256 " + s.sha256()
                    + ", the spec names " + expected + " (the file changed since the spec was written)");
        }
    }

    private static String dataset(SpecReader r, JsonNode root, String fallback) {
        JsonNode v = root.get("dataset");
        if (v == null) {
            return fallback;
        }
        if (v.isObject()) {
            r.checkFields(v, Set.of("idx"), "dataset.");
            if (!v.has("idx")) {
                throw r.error("field 'dataset' as a mapping needs 'idx: PATH' (a folder of IDX files)");
            }
            return "idx:" + r.text(v, "idx", null);
        }
        return r.text(root, "dataset", fallback);
    }

    private static List<MethodSpec> methods(SpecReader r, JsonNode root) {
        List<MethodSpec> out = new ArrayList<>();
        for (JsonNode m : r.items(root, "methods")) {
            if (m.isTextual()) {
                out.add(MethodSpec.of(m.asText()));
            } else if (m.isObject()) {
                String id = r.text(m, "id", null);
                if (id == null) {
                    throw r.error("a method given as a mapping needs 'id', e.g. {id: ssd, name: ssd-a100, alpha: 100}; got "
                            + m);
                }
                Map<String, Object> settings = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().equals("id") && !e.getKey().equals("name")) {
                        settings.put(e.getKey(), scalar(r, "methods." + id + "." + e.getKey(), e.getValue()));
                    }
                }
                out.add(new MethodSpec(id, r.text(m, "name", id), settings));
            } else {
                throw r.wrongType("methods", m, "a method id or a mapping {id: ..., name: ..., <hyperparameter>: ...}");
            }
        }
        return out;
    }

    private static Object scalar(SpecReader r, String field, JsonNode v) {
        if (v.isInt()) {
            return v.intValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        throw r.wrongType(field, v, "a number, a boolean or text");
    }

    private static List<ProtocolRun> protocols(SpecReader r, JsonNode root, StudySpec d) {
        if (root.has("protocols") && root.has("protocol")) {
            throw r.error("give either 'protocol' or 'protocols', not both");
        }
        int i = r.integer(root, "trainingSeeds", defaultCount(d, true));
        int j = r.integer(root, "unlearningSeeds", defaultCount(d, false));
        String field = root.has("protocol") ? "protocol" : "protocols";
        if (!root.has(field)) {
            return d.protocols().stream().map(p -> ProtocolRun.of(p.protocol(), i, j)).toList();
        }
        List<ProtocolRun> out = new ArrayList<>();
        for (JsonNode p : r.items(root, field)) {
            if (p.isTextual()) {
                out.add(ProtocolRun.of(r.parsed(field, p.asText(), Protocol::parse), i, j));
            } else if (p.isObject()) {
                r.checkFields(p, PROTOCOL_FIELDS, field + ".");
                Protocol protocol = r.parsed(field + ".protocol", r.text(p, "protocol", ""), Protocol::parse);
                ProtocolRun defaults = ProtocolRun.of(protocol, i, j);
                out.add(new ProtocolRun(protocol, r.integer(p, "trainingSeeds", defaults.trainingSeeds()),
                        r.integer(p, "unlearningSeeds", defaults.unlearningSeeds())));
            } else {
                throw r.wrongType(field, p, "a protocol id or a mapping {protocol, trainingSeeds, unlearningSeeds}");
            }
        }
        return out;
    }

    private static int defaultCount(StudySpec d, boolean training) {
        return d.protocols().stream().mapToInt(p -> training ? p.trainingSeeds() : p.unlearningSeeds()).max().orElse(1);
    }

    /**
     * @param spec a spec
     * @return its canonical JSON form: every field, fixed order; {@link #parse} reads it back to an
     *     equal spec
     */
    public static String toJson(StudySpec spec) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", spec.name());
        o.put("dataset", spec.dataset());
        o.put("labelColumn", spec.labelColumn());
        o.put("trainSize", spec.trainSize());
        o.put("testSize", spec.testSize());
        if (spec.model() instanceof OnnxFamily onnx) {
            ObjectNode m = o.putObject("model");
            m.put("onnx", onnx.model().file().path().toString());
            m.put("sha256", onnx.model().file().sha256());
            strings(m.putArray("frozen"), List.copyOf(onnx.model().frozen()));
            ArrayNode originals = m.putArray("originals");
            for (OnnxModel.Source f : onnx.model().originalFiles()) {
                originals.addObject().put("file", f.path().toString()).put("sha256", f.sha256());
            }
        } else {
            o.put("model", spec.model().id());
        }
        o.set("training", TrainingCodec.write(spec.training()));
        strings(o.putArray("forget"), spec.forget());
        ArrayNode methods = o.putArray("methods");
        for (MethodSpec m : spec.methods()) {
            if (m.plain()) {
                methods.add(m.id());
            } else {
                ObjectNode e = methods.addObject();
                e.put("id", m.id());
                e.put("name", m.name());
                e.setAll((ObjectNode) JSON.valueToTree(m.settings()));
            }
        }
        strings(o.putArray("metrics"), spec.metrics());
        ArrayNode protocols = o.putArray("protocols");
        for (ProtocolRun p : spec.protocols()) {
            ObjectNode e = protocols.addObject();
            e.put("protocol", p.protocol().id());
            e.put("trainingSeeds", p.trainingSeeds());
            e.put("unlearningSeeds", p.unlearningSeeds());
        }
        o.put("baseSeed", spec.baseSeed());
        o.put("device", spec.device());
        o.put("auditSample", spec.auditSample());
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the spec as JSON", e);
        }
    }

    /**
     * The spec's identity: SHA-256 of its canonical JSON and of the content hash of the data it
     * resolved to (so a changed data file is another study even under the same path).
     *
     * @param spec the spec
     * @param datasetSha256 the data's content hash
     * @return hex SHA-256
     */
    public static String sha256(StudySpec spec, String datasetSha256) {
        MessageDigest md = Sha256.digest();
        md.update(toJson(spec).getBytes(StandardCharsets.UTF_8));
        md.update(("data=" + datasetSha256).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
