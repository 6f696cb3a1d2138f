package org.seedscope.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.seedscope.results.ResultSchema;
import org.seedscope.results.ResultTables;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's two samples — Algorithm 1 (one training seed, J unlearning seeds) and Algorithm 2
 * (I training seeds, one unlearning seed each) — for every (scenario, method) of a study, taken
 * from the full grid when the study did not run that protocol separately. The figures and the W2
 * comparison read {@value ResultRows#ONE_SEED} and {@value ResultRows#MANY_SEEDS} rows; with this
 * view a study that runs a grid (plus, say, a longer Algorithm 1) gets them without running
 * Algorithm 2 twice.
 *
 * <p>Derivation, per (scenario, method) with {@value ResultRows#GRID} rows:
 * <ul>
 * <li>no {@value ResultRows#MANY_SEEDS} rows and at least two training seeds in the grid: the
 *     Algorithm-2 sample is, for every training seed, its grid row(s) with the smallest
 *     unlearning seed — the grid's j = 1 slice under the authors' mapping. This is one run per
 *     training seed, exactly what Algorithm 2 prescribes; per-seed means would shrink the
 *     unlearning-seed part of the spread by 1/J and so describe a different protocol;</li>
 * <li>no {@value ResultRows#ONE_SEED} rows: the Algorithm-1 sample is the grid's rows of its
 *     smallest training seed (its J runs).</li>
 * </ul>
 * Failed rows are selected like the others (and stay failed), so a failed j = 1 run is never
 * replaced by a later one. The derived rows are copies with the protocol column relabelled; the
 * original rows are kept unchanged, so grid statistics are unaffected.
 *
 * @param rows the study's rows plus the derived Algorithm-1 and Algorithm-2 rows
 * @param notes one sentence per derivation made, naming the slices; empty when none was needed
 */
public record AlgorithmSamples(Table rows, List<String> notes) {

    /** Copies the notes. */
    public AlgorithmSamples {
        Objects.requireNonNull(rows, "rows");
        notes = List.copyOf(notes);
    }

    /**
     * Builds the view.
     *
     * @param rows a study's result table (columns scenario, method, protocol, train_seed,
     *     unlearn_seed)
     * @return the view; the table itself (not a copy) when nothing needs deriving
     * @throws IllegalArgumentException when a needed column is missing or mistyped
     */
    public static AlgorithmSamples of(Table rows) {
        StringColumn scenario = ResultTables.strings(rows, ResultSchema.SCENARIO);
        StringColumn method = ResultTables.strings(rows, ResultSchema.METHOD);
        StringColumn protocol = ResultTables.strings(rows, ResultSchema.PROTOCOL);
        NumericColumn<?> train = seeds(rows, ResultSchema.TRAIN_SEED.name());
        NumericColumn<?> unlearn = seeds(rows, ResultSchema.UNLEARN_SEED.name());
        Map<String, Map<Long, List<Integer>>> grid = new LinkedHashMap<>();
        Map<String, Boolean> hasOne = new LinkedHashMap<>();
        Map<String, Boolean> hasMany = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            String key = scenario.get(r) + "\u0000" + method.get(r);
            switch (protocol.get(r)) {
                case ResultRows.GRID -> grid.computeIfAbsent(key, k -> new TreeMap<>())
                        .computeIfAbsent(seed(train, r), k -> new ArrayList<>()).add(r);
                case ResultRows.ONE_SEED -> hasOne.put(key, true);
                case ResultRows.MANY_SEEDS -> hasMany.put(key, true);
                default -> { }
            }
        }
        List<Integer> one = new ArrayList<>();
        List<Integer> many = new ArrayList<>();
        List<String> oneSlices = new ArrayList<>();
        List<String> manySlices = new ArrayList<>();
        grid.forEach((key, bySeed) -> {
            if (!hasOne.containsKey(key)) {
                one.addAll(bySeed.values().iterator().next());
                oneSlices.add(key);
            }
            if (!hasMany.containsKey(key) && bySeed.size() >= 2) {
                for (List<Integer> seedRows : bySeed.values()) {
                    many.addAll(firstRuns(seedRows, unlearn));
                }
                manySlices.add(key);
            }
        });
        if (one.isEmpty() && many.isEmpty()) {
            return new AlgorithmSamples(rows, List.of());
        }
        Table out = rows.copy();
        List<String> notes = new ArrayList<>();
        if (!many.isEmpty()) {
            out.append(relabelled(rows, many, ResultRows.MANY_SEEDS));
            notes.add("Algorithm 2 (" + ResultRows.MANY_SEEDS + ") was not run separately: its sample is"
                    + " the grid's first unlearning seed (j = 1) of every training seed, one run per"
                    + " training seed as Algorithm 2 prescribes (" + slices(manySlices) + ")");
        }
        if (!one.isEmpty()) {
            out.append(relabelled(rows, one, ResultRows.ONE_SEED));
            notes.add("Algorithm 1 (" + ResultRows.ONE_SEED + ") was not run separately: its sample is"
                    + " the grid's runs on its first training seed (" + slices(oneSlices) + ")");
        }
        return new AlgorithmSamples(out, notes);
    }

    /** The rows of one training seed with its smallest unlearning seed. */
    private static List<Integer> firstRuns(List<Integer> seedRows, NumericColumn<?> unlearn) {
        long first = Long.MAX_VALUE;
        for (int r : seedRows) {
            first = Math.min(first, seed(unlearn, r));
        }
        List<Integer> out = new ArrayList<>();
        for (int r : seedRows) {
            if (seed(unlearn, r) == first) {
                out.add(r);
            }
        }
        return out;
    }

    private static Table relabelled(Table rows, List<Integer> picked, String protocol) {
        Table t = rows.rows(picked.stream().mapToInt(Integer::intValue).toArray());
        StringColumn p = StringColumn.create(ResultSchema.PROTOCOL.name());
        for (int r = 0; r < t.rowCount(); r++) {
            p.append(protocol);
        }
        t.replaceColumn(ResultSchema.PROTOCOL.name(), p);
        return t;
    }

    /** "full:Shirt (7 methods), sub:Shirt (2 methods)" from scenario-NUL-method keys. */
    private static String slices(List<String> slices) {
        Map<String, Integer> perScenario = new LinkedHashMap<>();
        for (String s : slices) {
            perScenario.merge(s.substring(0, s.indexOf('\u0000')), 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        perScenario.forEach((scenario, n) -> out.add(scenario + " (" + n + (n == 1 ? " method)" : " methods)")));
        return String.join(", ", out);
    }

    private static NumericColumn<?> seeds(Table rows, String name) {
        if (!rows.containsColumn(name) || !(rows.column(name) instanceof NumericColumn<?> c)) {
            throw new IllegalArgumentException("column '" + name + "' " + (rows.containsColumn(name)
                    ? "must be numeric, is " + rows.column(name).type() : "is missing") + "; table '"
                    + rows.name() + "' has columns " + rows.columnNames());
        }
        return c;
    }

    private static long seed(NumericColumn<?> column, int row) {
        if (column.isMissing(row)) {
            throw new IllegalArgumentException("row " + row + " has no " + column.name());
        }
        return (long) column.getDouble(row);
    }
}
