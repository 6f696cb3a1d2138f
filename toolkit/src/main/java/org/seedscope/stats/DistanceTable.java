package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Package-private builder of the protocol-comparison tables of {@link Wasserstein}: one row per
 * (scenario, method) with columns scenario, method, n_a, n_b, mean_a, mean_b, w1, w1_p, w2,
 * w2_lo, w2_hi, w2_floor50, w2_floor95, w2_p, notes.
 */
final class DistanceTable {

    private static final String[] NUMBERS = {"mean_a", "mean_b", "w1", "w1_p", "w2", "w2_lo",
        "w2_hi", "w2_floor50", "w2_floor95", "w2_p"};

    private final StringColumn scenario = StringColumn.create("scenario");
    private final StringColumn method = StringColumn.create("method");
    private final IntColumn na = IntColumn.create("n_a");
    private final IntColumn nb = IntColumn.create("n_b");
    private final DoubleColumn[] num = new DoubleColumn[NUMBERS.length];
    private final StringColumn notes = StringColumn.create("notes");
    private final int resamples;
    private final double level;
    private final long seed;

    DistanceTable(int resamples, double level, long seed) {
        for (int c = 0; c < NUMBERS.length; c++) {
            num[c] = DoubleColumn.create(NUMBERS[c]);
        }
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    /** Algorithm 1 vs 2 from two protocols' slices: every "ok" value of each slice. */
    static Table protocols(Table rows, String metric, String protocolA, String protocolB,
            int resamples, double level, long seed) {
        Map<Slice, StudyRows.Design> designs = StudyRows.designs(rows, metric);
        DistanceTable t = new DistanceTable(resamples, level, seed);
        designs.forEach((a, da) -> {
            StudyRows.Design db = designs.get(new Slice(a.scenario(), a.method(), protocolB));
            if (a.protocol().equals(protocolA) && db != null && da.values().length > 0
                    && db.values().length > 0) {
                List<String> n = new ArrayList<>(da.notes());
                n.addAll(db.notes());
                t.add(a, da.pooled(), db.pooled(), n);
            }
        });
        return t.table("wasserstein: " + metric + ", " + protocolA + " vs " + protocolB);
    }

    /**
     * Algorithm 1 vs 2 drawn from one grid slice: A = the first training seed's runs (1 × J),
     * B = every training seed's first run, by unlearning seed (I × 1).
     */
    static Table grid(Table rows, String metric, String protocol, int resamples, double level,
            long seed) {
        DistanceTable t = new DistanceTable(resamples, level, seed);
        StudyRows.designs(rows, metric).forEach((slice, d) -> {
            if (!slice.protocol().equals(protocol) || d.values().length < 2) {
                return;
            }
            double[] first = new double[d.values().length];
            for (int i = 0; i < first.length; i++) {
                first[i] = d.values()[i][0];
            }
            List<String> n = new ArrayList<>(d.notes());
            n.add("A = training seed " + d.trainSeeds()[0] + "'s " + d.values()[0].length
                    + " runs; B = the first run of each of " + first.length + " training seeds");
            t.add(slice, d.values()[0], first, n);
        });
        return t.table("wasserstein within " + protocol + ": " + metric
                + ", one training seed vs many");
    }

    private void add(Slice slice, double[] x, double[] y, List<String> rowNotes) {
        ProtocolDistance d = Wasserstein.compare(x, y, resamples, level, seed);
        scenario.append(slice.scenario());
        method.append(slice.method());
        na.append(d.sizeA());
        nb.append(d.sizeB());
        double[] v = {d.meanA(), d.meanB(), d.w1(), d.w1PValue(), d.w2(),
            d.w2Interval().lower(), d.w2Interval().upper(), d.w2Floor50(), d.w2Floor95(),
            d.w2PValue()};
        for (int c = 0; c < v.length; c++) {
            num[c].append(v[c]);
        }
        notes.append(String.join("; ", rowNotes));
    }

    private Table table(String name) {
        Table t = Table.create(name, scenario, method, na, nb);
        t.addColumns(num);
        t.addColumns(notes);
        return t;
    }
}
