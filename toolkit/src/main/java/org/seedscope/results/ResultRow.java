package org.seedscope.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One typed result row: a cell's identity, status, metrics, measurements, diagnostics and
 * provenance. Built by the study runner, stored by {@link ResultStore} as one journal line, read
 * back by {@link #fromMap}. The non-finite rule is enforced here: {@link #of} turns a row whose
 * metrics hold NaN or an infinity into a {@value ResultSchema#FAILED} row whose reason names the
 * metric, and drops the non-finite values, so an {@value ResultSchema#OK} row has every metric.
 *
 * @param key the cell key, unique within a study
 * @param identity the cell
 * @param status {@value ResultSchema#OK} or {@value ResultSchema#FAILED}
 * @param reason why the row failed, empty when ok
 * @param metrics metric name to finite value, in the study's metric order; may be empty on failed rows
 * @param runtimeSeconds the method's wall-clock seconds (NaN when not measured)
 * @param retrainRuntimeSeconds the cell's Retrain seconds (NaN when not known)
 * @param selected parameters selected by dampening, or null where not applicable
 * @param modelSha256 SHA-256 of the evaluated model's parameters, or empty when no model was produced
 * @param provenance provenance columns ({@link Column.Role#PROVENANCE}) to their values
 */
public record ResultRow(String key, CellId identity, String status, String reason, Map<String, Double> metrics,
        double runtimeSeconds, double retrainRuntimeSeconds, Long selected, String modelSha256,
        Map<String, Object> provenance) {

    /**
     * Where a row sits in the plan.
     *
     * @param cell position in the plan
     * @param protocol protocol id
     * @param scenario forget scenario id
     * @param method method name in the study
     * @param methodId registry id of the method family
     * @param i one-based training-seed index
     * @param j one-based unlearning-seed index
     * @param trainSeed s_t
     * @param unlearnSeed s_u
     * @param evalSeed s_e
     */
    public record CellId(int cell, String protocol, String scenario, String method, String methodId, int i, int j,
            long trainSeed, long unlearnSeed, long evalSeed) {}

    /** Validates the row and copies its maps. */
    public ResultRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(modelSha256, "modelSha256");
        if (!ResultSchema.OK.equals(status) && !ResultSchema.FAILED.equals(status)) {
            throw new IllegalArgumentException("status must be ok or failed, got " + status);
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (!ResultSchema.isMetric(e.getKey())) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not a metric column");
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("metric " + e.getKey() + " is " + e.getValue()
                        + ": use ResultRow.of, which records such a row as failed");
            }
        }
        for (String name : provenance.keySet()) {
            Column c = ResultSchema.column(name).orElseThrow(
                    () -> new IllegalArgumentException("'" + name + "' is not a result column"));
            if (c.role() != Column.Role.PROVENANCE) {
                throw new IllegalArgumentException("'" + name + "' is not a provenance column");
            }
        }
    }

    /**
     * Builds a row, applying the non-finite rule: when the row would be ok but a metric is NaN or
     * infinite, it becomes failed with the reason {@code metric NAME is NaN} (the first such
     * metric in order) and the non-finite values are left out.
     *
     * @param key the cell key
     * @param identity the cell
     * @param failure null for a produced model, else the reason the run failed
     * @param metrics metric values (may hold non-finite values)
     * @param runtimeSeconds the method's seconds
     * @param retrainRuntimeSeconds Retrain's seconds
     * @param selected dampening selection count, or null
     * @param modelSha256 parameter hash of the evaluated model, or empty
     * @param provenance provenance values
     * @return the row
     */
    public static ResultRow of(String key, CellId identity, String failure, Map<String, Double> metrics,
            double runtimeSeconds, double retrainRuntimeSeconds, Long selected, String modelSha256,
            Map<String, Object> provenance) {
        String reason = failure == null ? "" : failure;
        Map<String, Double> finite = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            Double v = e.getValue();
            if (v != null && Double.isFinite(v)) {
                finite.put(e.getKey(), v);
            } else if (reason.isEmpty()) {
                reason = "metric " + e.getKey() + " is " + (v == null ? "missing" : v.isNaN() ? "NaN" : v > 0
                        ? "+Infinity" : "-Infinity");
            }
        }
        return new ResultRow(key, identity, reason.isEmpty() ? ResultSchema.OK : ResultSchema.FAILED, reason, finite,
                runtimeSeconds, retrainRuntimeSeconds, selected, modelSha256, provenance);
    }

    /**
     * @param newKey another cell's key
     * @param newIdentity that cell's identity
     * @return this row as that cell's (same status, metrics, measurements and provenance)
     */
    public ResultRow relabelled(String newKey, CellId newIdentity) {
        return new ResultRow(newKey, newIdentity, status, reason, metrics, runtimeSeconds, retrainRuntimeSeconds, selected,
                modelSha256, provenance);
    }

    /** @return true when the row is ok */
    public boolean ok() {
        return ResultSchema.OK.equals(status);
    }

    /** @return {@code retrain_runtime_s / runtime_s}, NaN when either is unknown or the row failed */
    public double speedup() {
        return ok() && runtimeSeconds > 0 ? retrainRuntimeSeconds / runtimeSeconds : Double.NaN;
    }

    /**
     * @return the row as column name to value in canonical column order (metrics between status and
     *     measurements), non-finite measurements and absent diagnostics as null, plus the
     *     journal's {@code key}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        CellId c = identity;
        m.put(ResultSchema.CELL.name(), c.cell());
        m.put(ResultSchema.PROTOCOL.name(), c.protocol());
        m.put(ResultSchema.SCENARIO.name(), c.scenario());
        m.put(ResultSchema.METHOD.name(), c.method());
        m.put(ResultSchema.METHOD_ID.name(), c.methodId());
        m.put(ResultSchema.I.name(), c.i());
        m.put(ResultSchema.J.name(), c.j());
        m.put(ResultSchema.TRAIN_SEED.name(), c.trainSeed());
        m.put(ResultSchema.UNLEARN_SEED.name(), c.unlearnSeed());
        m.put(ResultSchema.EVAL_SEED.name(), c.evalSeed());
        m.put(ResultSchema.STATUS.name(), status);
        m.put(ResultSchema.REASON.name(), reason);
        m.putAll(metrics);
        m.put(ResultSchema.RUNTIME.name(), finiteOrNull(runtimeSeconds));
        m.put(ResultSchema.RETRAIN_RUNTIME.name(), finiteOrNull(retrainRuntimeSeconds));
        m.put(ResultSchema.SPEEDUP.name(), finiteOrNull(speedup()));
        m.put(ResultSchema.SELECTED.name(), selected);
        m.put(ResultSchema.MODEL_SHA256.name(), modelSha256);
        for (Column col : ResultSchema.fixedColumns()) {
            if (col.role() == Column.Role.PROVENANCE) {
                m.put(col.name(), provenance.get(col.name()));
            }
        }
        return m;
    }

    /**
     * Reads a row written by {@link #toMap} (e.g. a journal line parsed by Jackson).
     *
     * @param m column name to value
     * @return the row
     * @throws IllegalArgumentException naming the first missing or mistyped column
     */
    public static ResultRow fromMap(Map<String, Object> m) {
        CellId id = new CellId(integer(m, ResultSchema.CELL), text(m, ResultSchema.PROTOCOL),
                text(m, ResultSchema.SCENARIO), text(m, ResultSchema.METHOD), text(m, ResultSchema.METHOD_ID),
                integer(m, ResultSchema.I), integer(m, ResultSchema.J), whole(m, ResultSchema.TRAIN_SEED),
                whole(m, ResultSchema.UNLEARN_SEED), whole(m, ResultSchema.EVAL_SEED));
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Object> provenance = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (ResultSchema.isMetric(e.getKey())) {
                if (!(e.getValue() instanceof Number n)) {
                    throw new IllegalArgumentException("metric " + e.getKey() + " must be a number, got " + e.getValue());
                }
                metrics.put(e.getKey(), n.doubleValue());
            }
        }
        for (Column col : ResultSchema.fixedColumns()) {
            if (col.role() == Column.Role.PROVENANCE && m.get(col.name()) != null) {
                provenance.put(col.name(), m.get(col.name()));
            }
        }
        Object selected = m.get(ResultSchema.SELECTED.name());
        return new ResultRow(text(m, "key"), id, text(m, ResultSchema.STATUS), text(m, ResultSchema.REASON), metrics,
                number(m, ResultSchema.RUNTIME), number(m, ResultSchema.RETRAIN_RUNTIME),
                selected == null ? null : ((Number) selected).longValue(), text(m, ResultSchema.MODEL_SHA256),
                provenance);
    }

    /** @return the row's JSON text, as one journal line holds it (key included) */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(toMap());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write row " + key + " as JSON", e);
        }
    }

    /**
     * @param json text written by {@link #toJson}
     * @return the row
     * @throws IllegalArgumentException when the text is not such a row
     */
    public static ResultRow fromJson(String json) {
        try {
            return fromMap(Json.MAPPER.readValue(json, Json.MAP));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a result row: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON mapping of rows. */
    static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
        static final com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>> MAP =
                new com.fasterxml.jackson.core.type.TypeReference<>() {};

        private Json() {}
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Object require(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("row has no column '" + name + "'");
        }
        return v;
    }

    private static String text(Map<String, Object> m, Column c) {
        return text(m, c.name());
    }

    private static String text(Map<String, Object> m, String name) {
        Object v = require(m, name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("column '" + name + "' must be text, got " + v);
        }
        return s;
    }

    private static int integer(Map<String, Object> m, Column c) {
        Object v = require(m, c.name());
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() != ((Number) v).intValue()) {
            throw new IllegalArgumentException("column '" + c.name() + "' must be a whole number, got " + v);
        }
        return ((Number) v).intValue();
    }

    private static long whole(Map<String, Object> m, Column c) {
        Object v = require(m, c.name());
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new IllegalArgumentException("column '" + c.name() + "' must be a whole number, got " + v);
        }
        return ((Number) v).longValue();
    }

    private static double number(Map<String, Object> m, Column c) {
        Object v = m.get(c.name());
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
