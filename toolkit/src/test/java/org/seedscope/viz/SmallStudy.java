package org.seedscope.viz;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A hand-built result table for chart and report tests: scenario "s", methods "retrain" and a
 * second method, Algorithm 1 (train seed 1, unlearning seeds 1..3) and Algorithm 2 (train seeds
 * 1..3, unlearning seed 1), plus one failed row that must be ignored.
 *
 * <pre>
 * forget_acc         Algorithm 1          Algorithm 2 (seeds 1, 2, 3)
 * retrain            0.50 0.52 0.55       0.40 0.50 0.60
 * second method      0.30 0.30 0.30       0.10 0.30 0.50
 * </pre>
 * test_acc = 0.8 + forget_acc / 10; runtime_s = 2 (retrain) or 0.5; retrain_runtime_s = 2.
 */
public final class SmallStudy {

    /** Algorithm 1 values of retrain, in unlearning-seed order. */
    public static final double[] RETRAIN_ONE = {0.50, 0.52, 0.55};
    /** Algorithm 2 values of retrain, in training-seed order. */
    public static final double[] RETRAIN_MANY = {0.40, 0.50, 0.60};
    /** Algorithm 1 values of the second method (deterministic). */
    public static final double[] OTHER_ONE = {0.30, 0.30, 0.30};
    /** Algorithm 2 values of the second method. */
    public static final double[] OTHER_MANY = {0.10, 0.30, 0.50};

    private SmallStudy() {
    }

    /**
     * @param other the second method's name
     * @return the table
     */
    public static Table table(String other) {
        StringColumn protocol = StringColumn.create("protocol");
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        IntColumn cell = IntColumn.create("cell");
        IntColumn train = IntColumn.create("train_seed");
        IntColumn unlearn = IntColumn.create("unlearn_seed");
        StringColumn status = StringColumn.create("status");
        DoubleColumn forget = DoubleColumn.create("forget_acc");
        DoubleColumn test = DoubleColumn.create("test_acc");
        DoubleColumn runtime = DoubleColumn.create("runtime_s");
        DoubleColumn retrainRuntime = DoubleColumn.create("retrain_runtime_s");
        StringColumn deterministic = StringColumn.create("deterministic");
        String[] methods = {"retrain", other};
        double[][][] values = {{RETRAIN_ONE, RETRAIN_MANY}, {OTHER_ONE, OTHER_MANY}};
        String[] protocols = {ResultRows.ONE_SEED, ResultRows.MANY_SEEDS};
        int c = 0;
        for (int m = 0; m < 2; m++) {
            for (int p = 0; p < 2; p++) {
                for (int k = 0; k < 3; k++) {
                    protocol.append(protocols[p]);
                    scenario.append("s");
                    method.append(methods[m]);
                    cell.append(c++);
                    train.append(p == 0 ? 1 : k + 1);
                    unlearn.append(p == 0 ? k + 1 : 1);
                    status.append("ok");
                    forget.append(values[m][p][k]);
                    test.append(0.8 + values[m][p][k] / 10);
                    runtime.append(m == 0 ? 2.0 : 0.5);
                    retrainRuntime.append(2.0);
                    deterministic.append(m == 1 ? "true" : "false");
                }
            }
        }
        protocol.append(ResultRows.MANY_SEEDS);
        scenario.append("s");
        method.append(other);
        cell.append(c);
        train.append(4);
        unlearn.append(1);
        status.append("failed");
        forget.appendMissing();
        test.appendMissing();
        runtime.appendMissing();
        retrainRuntime.appendMissing();
        deterministic.append("true");
        return Table.create("small study", cell, protocol, scenario, method, train, unlearn,
                status, forget, test, runtime, retrainRuntime, deterministic);
    }
}
