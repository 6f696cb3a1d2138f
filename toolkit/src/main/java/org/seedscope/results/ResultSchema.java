package org.seedscope.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedscope.metrics.Metrics;
import org.seedscope.results.Column.Role;
import org.seedscope.results.Column.ValueType;

/**
 * The one definition of a study's result rows: every column's name, type and role, in canonical
 * order. The runner writes rows through {@link ResultRow}, the journal stores them, and stats,
 * charts, reports and the kernel read tables through {@link ResultTables}, so the three never
 * disagree on what a column is.
 *
 * <p>Metric columns are the names {@link Metrics#isKnown} accepts (fixed names and the per-layer
 * weight distances {@code l2_dist_layer<k>}), placed between the status and measurement columns.
 * The rule for non-finite values: a row whose metric is NaN or infinite is not {@code ok}; it is
 * recorded {@code failed} with the reason {@code metric X is NaN} (see {@link ResultRow}), so an
 * {@code ok} row never has a blank metric.
 */
public final class ResultSchema {
    /** Status of a row whose model was produced and evaluated with finite metrics. */
    public static final String OK = "ok";
    /** Status of a row whose method, original, Retrain or metrics failed; {@code reason} says why. */
    public static final String FAILED = "failed";

    /** Position of the cell in the study's plan; tables are sorted by it. */
    public static final Column CELL = id("cell", ValueType.INT, "position of the cell in the plan");
    /** Protocol id: one-training-seed (Algorithm 1), many-training-seeds (Algorithm 2) or grid. */
    public static final Column PROTOCOL = id("protocol", ValueType.STRING, "protocol id");
    /** Forget scenario id, e.g. {@code full:Shirt}. */
    public static final Column SCENARIO = id("scenario", ValueType.STRING, "forget scenario id");
    /** Method name as the study names it (a variant's name, e.g. {@code ssd-a100}). */
    public static final Column METHOD = id("method", ValueType.STRING, "method name in this study");
    /** The registry id of the method family the row ran (e.g. {@code ssd} for {@code ssd-a100}). */
    public static final Column METHOD_ID = id("method_id", ValueType.STRING, "registry id of the method");
    /** One-based training-seed index i. */
    public static final Column I = id("i", ValueType.INT, "training-seed index i (1-based)");
    /** One-based unlearning-seed index j. */
    public static final Column J = id("j", ValueType.INT, "unlearning-seed index j (1-based)");
    /** Training seed s_t. */
    public static final Column TRAIN_SEED = id("train_seed", ValueType.LONG, "training seed s_t");
    /** Unlearning seed s_u. */
    public static final Column UNLEARN_SEED = id("unlearn_seed", ValueType.LONG, "unlearning seed s_u");
    /** Evaluation seed s_e. */
    public static final Column EVAL_SEED = id("eval_seed", ValueType.LONG, "evaluation seed s_e");
    /** {@value #OK} or {@value #FAILED}. */
    public static final Column STATUS = new Column("status", ValueType.STRING, Role.STATUS, "ok or failed");
    /** Why a row failed; empty on ok rows. */
    public static final Column REASON = new Column("reason", ValueType.STRING, Role.STATUS, "why a row failed");
    /** Seconds the method took. */
    public static final Column RUNTIME = measured("runtime_s", "wall-clock seconds the method took");
    /** Seconds the cell's Retrain took to train (when it was trained, or as recorded in the cache). */
    public static final Column RETRAIN_RUNTIME = measured("retrain_runtime_s", "wall-clock seconds of the cell's Retrain");
    /** Retrain's time over the method's. */
    public static final Column SPEEDUP = measured("speedup", "retrain_runtime_s / runtime_s");
    /** Parameters an SSD-type method selected for dampening. */
    public static final Column SELECTED = new Column("selected", ValueType.LONG, Role.DIAGNOSTIC,
            "parameters selected by selective dampening (blank for other methods)");
    /** SHA-256 of the evaluated model's parameters: equal iff bit-identical. */
    public static final Column MODEL_SHA256 = new Column("model_sha256", ValueType.STRING, Role.DIAGNOSTIC,
            "SHA-256 of the evaluated model's parameters");
    /** The method's declared determinism. */
    public static final Column DETERMINISTIC = prov("deterministic", ValueType.BOOLEAN,
            "the method declares the same output for every unlearning seed");
    /** The method's effective hyperparameters as JSON. */
    public static final Column HYPERPARAMETERS = prov("hyperparameters", ValueType.STRING, "effective hyperparameters (JSON)");
    /** Data set id. */
    public static final Column DATASET = prov("dataset", ValueType.STRING, "data set");
    /** Content hash of the data set. */
    public static final Column DATASET_SHA256 = prov("dataset_sha256", ValueType.STRING, "SHA-256 of the data");
    /** Preprocessing applied to the data. */
    public static final Column PREPROCESSING = prov("preprocessing", ValueType.STRING, "preprocessing");
    /** Architecture of the models. */
    public static final Column MODEL = prov("model", ValueType.STRING, "architecture");
    /** Where the original came from: trained here (with its seed) or a user file and its SHA-256. */
    public static final Column ORIGINAL = prov("original", ValueType.STRING, "how the original was made");
    /** Training settings of originals and Retrain. */
    public static final Column TRAINING = prov("training", ValueType.STRING, "training of originals and Retrain");
    /** SHA-256 of the canonical spec. */
    public static final Column SPEC_SHA256 = prov("spec_sha256", ValueType.STRING, "SHA-256 of the canonical spec");
    /** Toolkit version, commit and build id. */
    public static final Column TOOLKIT = prov("toolkit", ValueType.STRING, "toolkit version, commit and build id");
    /** ONNX Runtime version, device and threads. */
    public static final Column ENGINE = prov("engine", ValueType.STRING, "engine");
    /** Device actually used. */
    public static final Column DEVICE = prov("device", ValueType.STRING, "device");
    /** Java version. */
    public static final Column JAVA = prov("java", ValueType.STRING, "Java version");
    /** Operating system and architecture. */
    public static final Column OS = prov("os", ValueType.STRING, "operating system");

    private static final List<Column> BEFORE_METRICS = List.of(CELL, PROTOCOL, SCENARIO, METHOD, METHOD_ID, I, J,
            TRAIN_SEED, UNLEARN_SEED, EVAL_SEED, STATUS, REASON);
    private static final List<Column> AFTER_METRICS = List.of(RUNTIME, RETRAIN_RUNTIME, SPEEDUP, SELECTED,
            MODEL_SHA256, DETERMINISTIC, HYPERPARAMETERS, DATASET, DATASET_SHA256, PREPROCESSING, MODEL, ORIGINAL,
            TRAINING, SPEC_SHA256, TOOLKIT, ENGINE, DEVICE, JAVA, OS);
    private static final Map<String, Column> FIXED = index();

    private ResultSchema() {}

    private static Column id(String name, ValueType type, String description) {
        return new Column(name, type, Role.IDENTITY, description);
    }

    private static Column measured(String name, String description) {
        return new Column(name, ValueType.DOUBLE, Role.MEASUREMENT, description);
    }

    private static Column prov(String name, ValueType type, String description) {
        return new Column(name, type, Role.PROVENANCE, description);
    }

    private static Map<String, Column> index() {
        Map<String, Column> m = new LinkedHashMap<>();
        BEFORE_METRICS.forEach(c -> m.put(c.name(), c));
        AFTER_METRICS.forEach(c -> m.put(c.name(), c));
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param name a column name
     * @return the column: a fixed column, or a metric column for a name {@link Metrics#isKnown}
     *     accepts; empty for any other name
     */
    public static Optional<Column> column(String name) {
        Column c = FIXED.get(name);
        if (c != null) {
            return Optional.of(c);
        }
        return Metrics.isKnown(name) ? Optional.of(metric(name)) : Optional.empty();
    }

    /**
     * @param name a metric name ({@link Metrics#isKnown})
     * @return its column: type double, role metric
     */
    public static Column metric(String name) {
        if (!Metrics.isKnown(name) || FIXED.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a metric name");
        }
        return new Column(name, ValueType.DOUBLE, Role.METRIC, Metrics.describe(name));
    }

    /**
     * @param name a column name
     * @return true when it names a metric (never a seed, a measurement or a diagnostic)
     */
    public static boolean isMetric(String name) {
        return !FIXED.containsKey(name) && Metrics.isKnown(name);
    }

    /**
     * @param metricNames the metrics a study computes, in order
     * @return every column of that study's rows in canonical order
     */
    public static List<Column> columns(List<String> metricNames) {
        List<Column> out = new ArrayList<>(BEFORE_METRICS);
        metricNames.forEach(m -> out.add(metric(m)));
        out.addAll(AFTER_METRICS);
        return List.copyOf(out);
    }

    /** @return the fixed (non-metric) columns in canonical order */
    public static List<Column> fixedColumns() {
        return List.copyOf(FIXED.values());
    }
}
