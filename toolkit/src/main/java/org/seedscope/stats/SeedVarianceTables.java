package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Package-private: the tables of {@link SeedVariance} (column lists in its Javadoc). */
final class SeedVarianceTables {

    private static final String[] COMPONENT_NUMBERS = {"mean", "mean_lo", "mean_hi",
        "sigma2_train", "sigma2_train_lo", "sigma2_train_hi", "sigma2_unlearn",
        "sigma2_unlearn_lo", "sigma2_unlearn_hi", "total", "total_lo", "total_hi", "share_train",
        "share_unlearn", "icc", "icc_lo", "icc_hi"};
    private static final String[] REML_NUMBERS = {"sigma2_train", "sigma2_train_lo",
        "sigma2_train_hi", "sigma2_unlearn", "sigma2_unlearn_lo", "sigma2_unlearn_hi", "mean"};

    private SeedVarianceTables() {
    }

    static Table components(String name, List<SeedVariance.Entry> entries) {
        Keys keys = new Keys();
        DoubleColumn[] num = doubles(COMPONENT_NUMBERS);
        BooleanColumn truncated = BooleanColumn.create("train_truncated");
        BooleanColumn deterministic = BooleanColumn.create("deterministic");
        BooleanColumn constantWithin = BooleanColumn.create("within_seed_constant");
        StringColumn constancy = StringColumn.create("constancy");
        IntColumn skipped = IntColumn.create("skipped_rows");
        StringColumn notes = StringColumn.create("notes");
        for (SeedVariance.Entry e : entries) {
            Optional<VarianceComponents> vc = e.components();
            keys.add(e);
            keys.jMin.append(vc.map(VarianceComponents::minPerSeed).orElse(0));
            keys.jMax.append(vc.map(VarianceComponents::maxPerSeed).orElse(0));
            append(deterministic, e.declaredDeterministic());
            constancy.append(e.constancy().map(Constancy::label).orElse(""));
            skipped.append(e.skippedRows());
            List<String> n = new ArrayList<>(e.notes());
            if (vc.isEmpty()) {
                for (DoubleColumn c : num) {
                    c.appendMissing();
                }
                truncated.appendMissing();
                constantWithin.appendMissing();
            } else {
                VarianceComponents v = vc.get();
                num[0].append(v.grandMean());
                TableColumns.append(num[1], v.meanInterval().map(Interval::lower));
                TableColumns.append(num[2], v.meanInterval().map(Interval::upper));
                TableColumns.appendWithBounds(num, 3, v.sigma2Train(), v.sigma2TrainInterval());
                TableColumns.appendWithBounds(num, 6, v.sigma2Unlearn(), v.sigma2UnlearnInterval());
                TableColumns.appendWithBounds(num, 9, v.total(), v.totalInterval());
                TableColumns.append(num[12], v.shareTrain());
                TableColumns.append(num[13], v.shareUnlearn());
                TableColumns.appendWithBounds(num, 14, v.icc(), v.iccInterval());
                truncated.append(v.trainTruncated());
                append(constantWithin, v.withinSeedConstant());
                n.addAll(v.notes());
            }
            notes.append(String.join("; ", n));
        }
        Table t = keys.table(name);
        t.addColumns(keys.jMin, keys.jMax);
        t.addColumns(num);
        t.addColumns(truncated, deterministic, constantWithin, constancy, skipped, notes);
        return t;
    }

    static Table reml(String name, List<SeedVariance.Entry> entries) {
        Keys keys = new Keys();
        DoubleColumn[] num = doubles(REML_NUMBERS);
        BooleanColumn boundary = BooleanColumn.create("at_boundary");
        StringColumn notes = StringColumn.create("notes");
        for (SeedVariance.Entry e : entries) {
            keys.add(e);
            if (e.reml().isEmpty()) {
                for (DoubleColumn c : num) {
                    c.appendMissing();
                }
                boundary.appendMissing();
                List<String> n = new ArrayList<>(e.notes());
                if (e.components().isPresent()) {
                    n.add("REML needs at least two training seeds and one with two runs");
                }
                notes.append(String.join("; ", n));
                continue;
            }
            RemlEstimate r = e.reml().get();
            TableColumns.appendWithBounds(num, 0, OptionalDouble.of(r.sigma2Train()),
                    r.sigma2TrainInterval());
            TableColumns.appendWithBounds(num, 3, OptionalDouble.of(r.sigma2Unlearn()),
                    r.sigma2UnlearnInterval());
            num[6].append(r.mean());
            boundary.append(r.atBoundary());
            List<String> n = new ArrayList<>(e.notes());
            n.addAll(r.notes());
            notes.append(String.join("; ", n));
        }
        Table t = keys.table(name);
        t.addColumns(num);
        t.addColumns(boundary, notes);
        return t;
    }

    /** The key columns every table starts with. */
    private static final class Keys {
        final StringColumn scenario = StringColumn.create("scenario");
        final StringColumn method = StringColumn.create("method");
        final StringColumn protocol = StringColumn.create("protocol");
        final IntColumn seeds = IntColumn.create("training_seeds");
        final IntColumn runs = IntColumn.create("runs");
        final IntColumn jMin = IntColumn.create("j_min");
        final IntColumn jMax = IntColumn.create("j_max");

        void add(SeedVariance.Entry e) {
            scenario.append(e.slice().scenario());
            method.append(e.slice().method());
            protocol.append(e.slice().protocol());
            seeds.append(e.components().map(VarianceComponents::trainingSeeds).orElse(0));
            runs.append(e.components().map(VarianceComponents::runs).orElse(0));
        }

        Table table(String name) {
            return Table.create(name, scenario, method, protocol, seeds, runs);
        }
    }

    private static DoubleColumn[] doubles(String[] names) {
        DoubleColumn[] c = new DoubleColumn[names.length];
        for (int k = 0; k < names.length; k++) {
            c[k] = DoubleColumn.create(names[k]);
        }
        return c;
    }

    private static void append(BooleanColumn column, Optional<Boolean> value) {
        if (value.isPresent()) {
            column.append(value.get());
        } else {
            column.appendMissing();
        }
    }
}
