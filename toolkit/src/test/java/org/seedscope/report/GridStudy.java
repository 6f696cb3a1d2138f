package org.seedscope.report;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A hand-built study with the demo's design for report tests: scenarios "full:A" and "sub:A",
 * methods retrain, finetune (random) and ssd (declared deterministic), protocols
 * one-training-seed 1 x 5 and grid 4 x 3, seeds by the authors' mapping (grid s_u = 3(i-1) + j).
 * Every value is v(scenario, method, metric, i, j); Algorithm 1 is v(., i = 1, j = 1..5), so its
 * first three cells equal the grid's training seed 1, as in the real demo.
 *
 * <pre>
 * test_acc   = 0.80 + 0.01 m + 0.02 sin(1.7 i + m) + (ssd ? 0 : 0.004 cos(2.3 j + 1.1 i + m))
 * forget_acc = full:A: 0 for retrain and finetune (the floor), 0.1 + 0.05 sin(i) for ssd;
 *              sub:A: 0.8 + 0.03 sin(i + m) + (ssd ? 0 : 0.01 cos(j + m))
 * mia        = 0.3 + 0.02 sin(i) + 0.01 m + (ssd ? 0 : 0.005 cos(j))
 * l2_dist    = 0 for retrain (the floor), else 5 + sin(i) + (ssd ? 0 : 0.1 cos(j))
 * </pre>
 * with m = 0, 1, 2 for retrain, finetune, ssd.
 */
final class GridStudy {

    static final String[] METHODS = {"retrain", "finetune", "ssd"};
    static final String[] SCENARIOS = {"full:A", "sub:A"};
    /** Algorithm 1's unlearning seeds and the grid's I and J. */
    static final int ONE_J = 5;
    static final int GRID_I = 4;
    static final int GRID_J = 3;

    private GridStudy() {
    }

    static double value(String scenario, int m, String metric, int i, int j) {
        boolean ssd = m == 2;
        return switch (metric) {
            case "test_acc" -> 0.80 + 0.01 * m + 0.02 * Math.sin(1.7 * i + m)
                    + (ssd ? 0 : 0.004 * Math.cos(2.3 * j + 1.1 * i + m));
            case "forget_acc" -> scenario.startsWith("full:") ? (ssd ? 0.1 + 0.05 * Math.sin(i) : 0)
                    : 0.8 + 0.03 * Math.sin(i + m) + (ssd ? 0 : 0.01 * Math.cos(j + m));
            case "mia" -> 0.3 + 0.02 * Math.sin(i) + 0.01 * m + (ssd ? 0 : 0.005 * Math.cos(j));
            case "l2_dist" -> m == 0 ? 0 : 5 + Math.sin(i) + (ssd ? 0 : 0.1 * Math.cos(j));
            default -> throw new IllegalArgumentException(metric);
        };
    }

    static Table table() {
        IntColumn cell = IntColumn.create("cell");
        StringColumn protocol = StringColumn.create("protocol");
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        StringColumn methodId = StringColumn.create("method_id");
        LongColumn train = LongColumn.create("train_seed");
        LongColumn unlearn = LongColumn.create("unlearn_seed");
        LongColumn eval = LongColumn.create("eval_seed");
        StringColumn status = StringColumn.create("status");
        String[] metrics = {"test_acc", "forget_acc", "mia", "l2_dist"};
        DoubleColumn[] values = new DoubleColumn[metrics.length];
        for (int k = 0; k < metrics.length; k++) {
            values[k] = DoubleColumn.create(metrics[k]);
        }
        DoubleColumn runtime = DoubleColumn.create("runtime_s");
        DoubleColumn retrainRuntime = DoubleColumn.create("retrain_runtime_s");
        StringColumn deterministic = StringColumn.create("deterministic");
        StringColumn hyper = StringColumn.create("hyperparameters");
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn sha = StringColumn.create("dataset_sha256");
        StringColumn model = StringColumn.create("model");
        StringColumn toolkit = StringColumn.create("toolkit");
        int c = 0;
        for (String p : new String[] {"one-training-seed", "grid"}) {
            int bigI = p.equals("grid") ? GRID_I : 1;
            int bigJ = p.equals("grid") ? GRID_J : ONE_J;
            for (String s : SCENARIOS) {
                for (int i = 1; i <= bigI; i++) {
                    for (int j = 1; j <= bigJ; j++) {
                        for (int m = 0; m < METHODS.length; m++) {
                            cell.append(c++);
                            protocol.append(p);
                            scenario.append(s);
                            method.append(METHODS[m]);
                            methodId.append(METHODS[m]);
                            train.append(i);
                            unlearn.append((long) (i - 1) * bigJ + j);
                            eval.append((long) (i - 1) * bigJ + j);
                            status.append("ok");
                            for (int k = 0; k < metrics.length; k++) {
                                values[k].append(value(s, m, metrics[k], i, j));
                            }
                            runtime.append(m == 0 ? 2.0 : 0.5);
                            retrainRuntime.append(2.0);
                            deterministic.append(m == 2 ? "true" : "false");
                            hyper.append(m == 2 ? "{\"alpha\":10.0,\"lambda\":1.0}" : m == 1
                                    ? "{\"epochs\":5,\"learningRate\":0.02}" : "{}");
                            dataset.append("fashion-mnist-subset[3000/1000]");
                            sha.append("986c08ff98904f63");
                            model.append("mlp 784-256-10");
                            toolkit.append("0.1.0-SNAPSHOT commit 0123456789ab build cafe");
                        }
                    }
                }
            }
        }
        Table t = Table.create("grid study", cell, protocol, scenario, method, methodId, train, unlearn, eval,
                status);
        t.addColumns(values);
        t.addColumns(runtime, retrainRuntime, deterministic, hyper, dataset, sha, model, toolkit);
        return t;
    }
}
