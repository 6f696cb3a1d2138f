package org.seedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.stats.GridModel;
import org.seedscope.viz.ResultRows;
import org.seedscope.viz.SmallStudy;
import picocli.CommandLine;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The new quantities of {@code stats}: total, mean interval, W2 floor and p, REML, grid model. */
class StatsCommandTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(args), err.toString());
        return out.toString();
    }

    @Test
    void jsonAndTextShowTotalsFloorsAndDeclaredDeterminism(@TempDir Path dir) throws Exception {
        SmallStudy.table("ssd").write().csv(dir.resolve("results.csv").toFile());
        JsonNode doc = new ObjectMapper().readTree(run("stats", dir.toString(), "--json", "--reml"));
        JsonNode many = null;
        for (JsonNode row : doc.get("variance_components")) {
            if (row.get("method").asText().equals("ssd")
                    && row.get("protocol").asText().equals("many-training-seeds")) {
                many = row;
            }
        }
        // Algorithm 2 of ssd: 0.1, 0.3, 0.5 -> total = sample variance 0.04 (hand computation)
        assertEquals(0.04, many.get("total").asDouble(), 1e-12);
        assertTrue(many.get("total_lo").asDouble() < 0.04 && many.get("total_hi").asDouble() > 0.04);
        assertTrue(many.get("sigma2_unlearn").isNull(), "I x 1: n/a");
        assertTrue(many.get("within_seed_constant").isNull(), "I x 1: n/a, not false");
        assertTrue(many.get("deterministic").asBoolean(), "declared by the method");
        assertEquals(0.3, many.get("mean").asDouble(), 1e-12);
        assertTrue(many.get("mean_lo").asDouble() < 0.3);
        for (JsonNode w : doc.get("wasserstein")) {
            double w2 = w.get("w2").asDouble();
            assertTrue(w.get("w2_lo").asDouble() <= w2 && w2 <= w.get("w2_hi").asDouble(), w.toString());
            assertTrue(w.get("w2_floor95").asDouble() > 0 && w.get("w2_p").asDouble() > 0, w.toString());
        }
        assertEquals(4, doc.get("reml").size());
        assertEquals(0, doc.get("grid_model").size(), "no grid rows");
        String text = run("stats", dir.toString(), "--reml");
        assertTrue(text.contains("w2_floor95") && text.contains("total_hi") && text.contains("REML")
                && text.contains("constancy"), text);
    }

    @Test
    void withoutMetricAStudyThatDidNotRecordForgetAccuracyGetsItsFirstMetric(@TempDir Path dir) throws Exception {
        Table rows = SmallStudy.table("ssd");
        rows.removeColumns("forget_acc");
        rows.write().csv(dir.resolve("results.csv").toFile());
        String first = ResultRows.metricColumns(rows).get(0);
        JsonNode doc = new ObjectMapper().readTree(run("stats", dir.toString(), "--json"));
        assertEquals(first, doc.get("metric").asText());
        assertEquals("forget_acc", StatsCommand.defaultMetric(List.of("test_acc", "forget_acc")), "recorded: the default");
    }

    @Test
    void gridStudiesGetTheMixedModel(@TempDir Path dir) throws Exception {
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        StringColumn protocol = StringColumn.create("protocol");
        IntColumn train = IntColumn.create("train_seed");
        IntColumn unlearn = IntColumn.create("unlearn_seed");
        StringColumn status = StringColumn.create("status");
        DoubleColumn forget = DoubleColumn.create("forget_acc");
        double[][][] v = new double[2][4][3];
        for (int m = 0; m < 2; m++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    v[m][i][j] = 0.5 + 0.1 * m + 0.05 * Math.sin(1.3 * i + 0.7 * m) + 0.01 * Math.cos(2.1 * j + i + m);
                    scenario.append("s");
                    method.append(m == 0 ? "A" : "B");
                    protocol.append("grid");
                    train.append(i + 1);
                    unlearn.append(3 * i + j + 1);
                    status.append("ok");
                    forget.append(v[m][i][j]);
                }
            }
        }
        Table.create("r", scenario, method, protocol, train, unlearn, status, forget).write()
                .csv(dir.resolve("results.csv").toFile());
        JsonNode doc = new ObjectMapper().readTree(run("stats", dir.toString(), "--json"));
        GridModel g = GridModel.fit(List.of("A", "B"), v, 0.95);
        JsonNode fit = doc.get("grid_model").get(0);
        assertEquals("s", fit.get("scenario").asText());
        assertEquals(g.sigma2Seed(), fit.get("sigma2_seed").asDouble(), 1e-9 * g.sigma2Seed());
        assertEquals(g.differences().get(0).se(), fit.get("differences").get(0).get("se").asDouble(),
                1e-9 * g.differences().get(0).se());
        assertEquals(2, doc.get("wasserstein_within_grid").size(), "one row per method");
        assertTrue(run("stats", dir.toString()).contains("Grid model of s"));
    }
}
