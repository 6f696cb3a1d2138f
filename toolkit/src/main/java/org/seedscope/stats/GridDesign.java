package org.seedscope.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import tech.tablesaw.api.Table;

/**
 * Package-private: a grid of several methods on shared training seeds, values[m][i] = the runs
 * of method m on training seed i (empty when the cell was not run), read from a result table or
 * checked when given as arrays.
 *
 * @param methods the method names
 * @param values the runs, methods × training seeds
 * @param notes remarks on left-out rows
 */
record GridDesign(List<String> methods, double[][][] values, List<String> notes) {

    /** Reads one (scenario, protocol) of a result table; seeds are the union over methods. */
    static GridDesign of(Table rows, String metric, String scenario, String protocol) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(protocol, "protocol");
        List<String> methods = new ArrayList<>();
        List<StudyRows.Design> designs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TreeSet<Long> seeds = new TreeSet<>();
        Map<Slice, StudyRows.Design> all = StudyRows.designs(rows, metric);
        all.forEach((slice, d) -> {
            if (slice.scenario().equals(scenario) && slice.protocol().equals(protocol)
                    && d.values().length > 0) {
                methods.add(slice.method());
                designs.add(d);
                for (long s : d.trainSeeds()) {
                    seeds.add(s);
                }
                d.notes().forEach(n -> notes.add(slice.method() + ": " + n));
            }
        });
        if (methods.size() < 2) {
            throw new IllegalArgumentException("the grid model needs two methods with ok rows in "
                    + scenario + " / " + protocol + ", found " + methods + "; slices: "
                    + all.keySet());
        }
        List<Long> order = new ArrayList<>(seeds);
        double[][][] values = new double[methods.size()][order.size()][];
        for (int m = 0; m < methods.size(); m++) {
            StudyRows.Design d = designs.get(m);
            for (int i = 0; i < order.size(); i++) {
                values[m][i] = new double[0];
            }
            for (int k = 0; k < d.trainSeeds().length; k++) {
                values[m][order.indexOf(d.trainSeeds()[k])] = d.values()[k];
            }
        }
        return new GridDesign(methods, values, notes);
    }

    /** @throws IllegalArgumentException as {@link GridModel#fit} describes */
    static void validate(List<String> methods, double[][][] values) {
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(values, "values");
        if (methods.size() < 2 || new HashSet<>(methods).size() != methods.size()) {
            throw new IllegalArgumentException("the grid model needs at least two distinct"
                    + " methods, got " + methods);
        }
        if (values.length != methods.size()) {
            throw new IllegalArgumentException("values has " + values.length + " methods but "
                    + methods.size() + " names were given");
        }
        int seeds = values[0] == null ? 0 : values[0].length;
        boolean replicate = false;
        boolean spread = false;
        for (int m = 0; m < values.length; m++) {
            if (values[m] == null || values[m].length != seeds) {
                throw new IllegalArgumentException("values[" + m + "] (" + methods.get(m)
                        + ") must have one array per training seed (" + seeds + ")");
            }
            int count = 0;
            for (int i = 0; i < seeds; i++) {
                double[] cell = values[m][i];
                Objects.requireNonNull(cell, "values[" + m + "][" + i + "]");
                Groups.validateValues(cell, "values[" + m + "][" + i + "]");
                count += cell.length;
                replicate |= cell.length > 1;
                spread |= !Groups.constant(cell);
            }
            if (count == 0) {
                throw new IllegalArgumentException("method " + methods.get(m) + " has no runs");
            }
        }
        if (seedsWithRuns(values) < 2) {
            throw new IllegalArgumentException("the grid model needs at least two training"
                    + " seeds with runs");
        }
        if (!replicate) {
            throw new IllegalArgumentException("no (seed, method) cell has two runs:"
                    + " sigma2_seed:method and sigma2_residual are confounded");
        }
        if (!spread) {
            throw new IllegalArgumentException("no cell has any spread across unlearning seeds:"
                    + " sigma2_residual = 0 and the REML criterion is unbounded");
        }
    }

    static int seedsWithRuns(double[][][] values) {
        int k = 0;
        for (int i = 0; i < values[0].length; i++) {
            for (double[][] method : values) {
                if (method[i].length > 0) {
                    k++;
                    break;
                }
            }
        }
        return k;
    }

    static int cells(double[][][] values) {
        int k = 0;
        for (double[][] method : values) {
            for (double[] cell : method) {
                k += cell.length > 0 ? 1 : 0;
            }
        }
        return k;
    }

    static int runs(double[][][] values) {
        int k = 0;
        for (double[][] method : values) {
            for (double[] cell : method) {
                k += cell.length;
            }
        }
        return k;
    }

    /** m_a,i − m_b,i, the differences of seed means over the seeds where both methods ran. */
    static double[] seedDifferences(double[][] a, double[][] b) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i].length > 0 && b[i].length > 0) {
                d.add(Groups.mean(a[i]) - Groups.mean(b[i]));
            }
        }
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The method's own one-way REML fit over its non-empty cells, when identifiable. */
    static Optional<RemlEstimate> ownComponents(double[][] cells, double level) {
        List<double[]> groups = new ArrayList<>();
        boolean replicate = false;
        for (double[] c : cells) {
            if (c.length > 0) {
                groups.add(c);
                replicate |= c.length > 1;
            }
        }
        if (groups.size() < 2 || !replicate) {
            return Optional.empty();
        }
        return Optional.of(RemlEstimate.of(groups.toArray(new double[0][]), level));
    }
}
