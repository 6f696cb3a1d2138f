package org.seedscope.stats;

import java.util.Optional;
import java.util.OptionalDouble;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Package-private: the tables of {@link GridModel}. */
final class GridTables {

    private GridTables() {
    }

    static Table effects(GridModel g) {
        StringColumn method = StringColumn.create("method");
        String[] names = {"mean", "se", "sigma2_train", "sigma2_train_lo", "sigma2_train_hi",
            "sigma2_unlearn", "sigma2_unlearn_lo", "sigma2_unlearn_hi"};
        DoubleColumn[] num = new DoubleColumn[names.length];
        for (int c = 0; c < names.length; c++) {
            num[c] = DoubleColumn.create(names[c]);
        }
        for (GridModel.MethodEffect e : g.effects()) {
            method.append(e.method());
            num[0].append(e.mean());
            num[1].append(e.se());
            Optional<RemlEstimate> own = e.own();
            TableColumns.appendWithBounds(num, 2, value(own.map(RemlEstimate::sigma2Train)),
                    own.flatMap(RemlEstimate::sigma2TrainInterval));
            TableColumns.appendWithBounds(num, 5, value(own.map(RemlEstimate::sigma2Unlearn)),
                    own.flatMap(RemlEstimate::sigma2UnlearnInterval));
        }
        Table t = Table.create("grid model: method effects and own components", method);
        t.addColumns(num);
        return t;
    }

    static Table differences(GridModel g) {
        StringColumn a = StringColumn.create("method_a");
        StringColumn b = StringColumn.create("method_b");
        DoubleColumn diff = DoubleColumn.create("difference");
        DoubleColumn se = DoubleColumn.create("se");
        IntColumn df = IntColumn.create("df");
        DoubleColumn lo = DoubleColumn.create("lo");
        DoubleColumn hi = DoubleColumn.create("hi");
        DoubleColumn p = DoubleColumn.create("p_value");
        DoubleColumn pairedLo = DoubleColumn.create("paired_lo");
        DoubleColumn pairedHi = DoubleColumn.create("paired_hi");
        for (GridModel.Difference d : g.differences()) {
            a.append(d.methodA());
            b.append(d.methodB());
            diff.append(d.estimate());
            se.append(d.se());
            df.append(g.differenceDf());
            lo.append(d.interval().lower());
            hi.append(d.interval().upper());
            p.append(d.pValue());
            TableColumns.append(pairedLo, d.paired().map(Interval::lower));
            TableColumns.append(pairedHi, d.paired().map(Interval::upper));
        }
        return Table.create("grid model: method differences (shared training seeds)", a, b,
                diff, se, df, lo, hi, p, pairedLo, pairedHi);
    }

    private static OptionalDouble value(Optional<Double> v) {
        return v.isPresent() ? OptionalDouble.of(v.get()) : OptionalDouble.empty();
    }
}
