package org.seedscope.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.seedscope.study.Cell;
import org.seedscope.study.ExampleOutputs;
import org.seedscope.study.OutputStore;
import org.seedscope.study.OutputStore.Role;
import org.seedscope.study.Protocol;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A study folder built in the test: I x J grid cells of one scenario, the per-example outputs of
 * every cell's models in {@code outputs.bin} and the rows in {@code results.csv}.
 *
 * <p>Each forget example x has a Retrain distribution N(m_x, s_x^2) of its confidence (m_x from
 * N(0, 2^2), s_x uniform in [0.5, 1.5]), every model drawn independently. Methods:
 * <ul>
 *   <li>{@code retrain2}: a second Retrain, independent draws from the same distributions (what
 *       perfect unlearning looks like);
 *   <li>{@code original}: the original unchanged, one model per training seed (the same outputs in
 *       every cell of that seed), with memorised forget examples: N(m_x + 3, (s_x / 2)^2).
 * </ul>
 * Test examples have one distribution for every model (no model trained on them).
 */
public final class SyntheticStudy {
    /** The scenario id used. */
    public static final String SCENARIO = "full:0";

    private SyntheticStudy() {}

    /**
     * @param dir the folder to write
     * @param trainingSeeds I
     * @param unlearningSeeds J
     * @param examples forget examples
     * @param tests sampled test examples
     * @param seed seed of every draw
     * @return the result table written to {@code dir/results.csv}
     */
    public static Table write(Path dir, int trainingSeeds, int unlearningSeeds, int examples, int tests, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] m = new double[examples];
        double[] s = new double[examples];
        for (int x = 0; x < examples; x++) {
            m[x] = 2 * normal(random);
            s[x] = 0.5 + random.nextDouble();
        }
        double[] tm = new double[tests];
        for (int x = 0; x < tests; x++) {
            tm[x] = 2 * normal(random);
        }
        int[] forgetIds = java.util.stream.IntStream.range(0, examples).map(x -> 3 * x).toArray();
        int[] testIds = java.util.stream.IntStream.range(0, tests).toArray();
        StringColumn protocol = StringColumn.create("protocol");
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        StringColumn status = StringColumn.create("status");
        IntColumn is = IntColumn.create("i");
        IntColumn js = IntColumn.create("j");
        LongColumn st = LongColumn.create("train_seed");
        LongColumn su = LongColumn.create("unlearn_seed");
        LongColumn se = LongColumn.create("eval_seed");
        DoubleColumn acc = DoubleColumn.create("test_acc");
        try (OutputStore store = OutputStore.open(dir)) {
            for (int i = 1; i <= trainingSeeds; i++) {
                ExampleOutputs original = draw(random, forgetIds, m, s, 3, 0.5, testIds, tm);
                for (int j = 1; j <= unlearningSeeds; j++) {
                    long ts = i;
                    long us = (long) (i - 1) * unlearningSeeds + j;
                    ExampleOutputs retrain = draw(random, forgetIds, m, s, 0, 1, testIds, tm);
                    for (String name : List.of("retrain2", Audit.ORIGINAL, Audit.RETRAIN)) {
                        ExampleOutputs out = switch (name) {
                            case "retrain2" -> draw(random, forgetIds, m, s, 0, 1, testIds, tm);
                            case Audit.ORIGINAL -> original;
                            default -> retrain;
                        };
                        String key = new Cell(0, Protocol.GRID, SCENARIO, name, i, j, ts, us, us).key();
                        store.append(key, Role.METHOD, out);
                        store.append(key, Role.RETRAIN, retrain);
                        protocol.append(Protocol.GRID.id());
                        scenario.append(SCENARIO);
                        method.append(name);
                        status.append("ok");
                        is.append(i);
                        js.append(j);
                        st.append(ts);
                        su.append(us);
                        se.append(us);
                        acc.append(0.9);
                    }
                }
            }
        }
        Table rows = Table.create(dir.resolve("results.csv").toString(), protocol, scenario, method, status, is, js, st, su,
                se, acc);
        rows.write().csv(dir.resolve("results.csv").toFile());
        return rows;
    }

    private static ExampleOutputs draw(SplittableRandom random, int[] forgetIds, double[] m, double[] s, double shift,
            double scale, int[] testIds, double[] tm) {
        float[] f = new float[m.length];
        for (int x = 0; x < m.length; x++) {
            f[x] = (float) (m[x] + shift + scale * s[x] * normal(random));
        }
        float[] t = new float[tm.length];
        for (int x = 0; x < tm.length; x++) {
            t[x] = (float) (tm[x] + normal(random));
        }
        return new ExampleOutputs(forgetIds, f, testIds, t);
    }

    /** Box-Muller from two seeded uniforms. */
    static double normal(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
