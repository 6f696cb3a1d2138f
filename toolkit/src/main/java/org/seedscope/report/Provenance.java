package org.seedscope.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.seedscope.format.Numbers;
import org.seedscope.results.ResultSchema;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Package-private: the report's provenance block, read from the rows' provenance columns (never
 * from the machine writing the report): data set and its SHA-256, preprocessing, model, how the
 * originals were made, training, spec hash, toolkit, engine, device, Java and OS; each method with
 * its registry id, declared determinism and effective hyperparameters; the seeds of each
 * protocol. A column the table lacks is left out; a column with several values lists them.
 */
final class Provenance {

    /** Study-level columns and their labels, in display order. */
    private static final List<String[]> STUDY = List.of(
            new String[] {ResultSchema.DATASET.name(), "data set"},
            new String[] {ResultSchema.DATASET_SHA256.name(), "data SHA-256"},
            new String[] {ResultSchema.PREPROCESSING.name(), "preprocessing"},
            new String[] {ResultSchema.MODEL.name(), "model"},
            new String[] {ResultSchema.ORIGINAL.name(), "originals"},
            new String[] {ResultSchema.TRAINING.name(), "training (originals and Retrain)"},
            new String[] {ResultSchema.SPEC_SHA256.name(), "spec SHA-256"},
            new String[] {ResultSchema.TOOLKIT.name(), "toolkit"},
            new String[] {ResultSchema.ENGINE.name(), "engine"},
            new String[] {ResultSchema.DEVICE.name(), "device"},
            new String[] {ResultSchema.JAVA.name(), "Java"},
            new String[] {ResultSchema.OS.name(), "operating system"});
    /** Values listed before "and N more". */
    private static final int LISTED = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Provenance() {
    }

    static void write(Html html, Table rows) {
        html.raw("<section id=\"provenance\">\n");
        html.tag("h2", "Provenance");
        List<List<String>> study = new ArrayList<>();
        for (String[] c : STUDY) {
            if (rows.containsColumn(c[0])) {
                study.add(List.of(c[1], listed(distinct(rows, c[0]))));
            }
        }
        for (String protocol : ResultRows.protocols(rows)) {
            study.add(List.of("seeds, " + protocol, seeds(rows, protocol)));
        }
        html.rows(List.of("what", "value"), study);
        List<List<String>> methods = new ArrayList<>();
        for (String method : new LinkedHashSet<>(rows.stringColumn(ResultSchema.METHOD.name()).asList())) {
            Table m = rows.where(rows.stringColumn(ResultSchema.METHOD.name()).isEqualTo(method));
            methods.add(List.of(method, column(m, ResultSchema.METHOD_ID.name()),
                    column(m, ResultSchema.DETERMINISTIC.name()), hyperparameters(m)));
        }
        html.rows(List.of("method", "registry id", "declared deterministic", "hyperparameters"), methods);
        html.raw("</section>\n");
    }

    /** The distinct non-blank values of a column, in row order. */
    private static List<String> distinct(Table rows, String column) {
        Set<String> out = new LinkedHashSet<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            if (!rows.column(column).isMissing(r)) {
                String v = rows.column(column).getString(r);
                if (!v.isBlank()) {
                    out.add(v);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static String column(Table rows, String column) {
        return rows.containsColumn(column) ? listed(distinct(rows, column)) : "not recorded";
    }

    private static String listed(List<String> values) {
        if (values.isEmpty()) {
            return "not recorded";
        }
        if (values.size() <= LISTED + 1) {
            return String.join("; ", values);
        }
        return String.join("; ", values.subList(0, LISTED)) + "; and " + (values.size() - LISTED) + " more";
    }

    /** E.g. "training 1–11; unlearning 1–33; evaluation 1–33". */
    private static String seeds(Table rows, String protocol) {
        Table p = rows.where(rows.stringColumn(ResultSchema.PROTOCOL.name()).isEqualTo(protocol));
        List<String> parts = new ArrayList<>();
        String[][] kinds = {{ResultSchema.TRAIN_SEED.name(), "training"},
            {ResultSchema.UNLEARN_SEED.name(), "unlearning"}, {ResultSchema.EVAL_SEED.name(), "evaluation"}};
        for (String[] k : kinds) {
            if (p.containsColumn(k[0]) && p.column(k[0]) instanceof NumericColumn<?> c) {
                TreeSet<Long> s = new TreeSet<>();
                for (int r = 0; r < c.size(); r++) {
                    if (!c.isMissing(r)) {
                        s.add((long) c.getDouble(r));
                    }
                }
                parts.add(k[1] + " " + ranges(s));
            }
        }
        return String.join("; ", parts);
    }

    /** Sorted seeds as runs, e.g. "1–11, 13". */
    static String ranges(TreeSet<Long> seeds) {
        List<String> out = new ArrayList<>();
        Long start = null;
        Long last = null;
        for (long s : seeds) {
            if (last != null && s == last + 1) {
                last = s;
                continue;
            }
            if (start != null) {
                out.add(start.equals(last) ? Long.toString(start) : start + "–" + last);
            }
            start = s;
            last = s;
        }
        if (start != null) {
            out.add(start.equals(last) ? Long.toString(start) : start + "–" + last);
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** The hyperparameters JSON as "name = value, ...", numbers by {@link Numbers}. */
    private static String hyperparameters(Table rows) {
        if (!rows.containsColumn(ResultSchema.HYPERPARAMETERS.name())) {
            return "not recorded";
        }
        List<String> out = new ArrayList<>();
        for (String json : distinct(rows, ResultSchema.HYPERPARAMETERS.name())) {
            out.add(readable(json));
        }
        return out.isEmpty() ? "none" : String.join("; ", out);
    }

    private static String readable(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
        if (!node.isObject()) {
            return json;
        }
        if (node.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            parts.add(e.getKey() + " = " + (v.isNumber() ? Numbers.format(v.doubleValue()) : v.asText()));
        }
        return String.join(", ", parts);
    }
}
