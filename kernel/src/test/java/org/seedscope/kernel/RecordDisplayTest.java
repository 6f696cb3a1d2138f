package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.seedscope.audit.MethodAudit;
import org.seedscope.audit.Roc;
import org.seedscope.audit.SeedAudit;
import org.seedscope.stats.Interval;
import org.seedscope.stats.VarianceComponents;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class RecordDisplayTest {
    /** A decimal fraction of 10 or more digits: what a raw double prints. */
    static final Pattern LONG_FRACTION = Pattern.compile("\\d\\.\\d{10,}");

    record Point(double x, float y, int n, String label) {}

    record Holder(Optional<Point> point, OptionalDouble value, Optional<String> none, List<Point> points,
            Map<String, Double> byName, double[] curve, int[][] grid, Table table) {}

    record Nest(Object inner) {}

    record Broken(double x) {
        @Override
        public double x() {
            throw new IllegalStateException("no x today");
        }

        @Override
        public String toString() {
            return "Broken, by its own toString";
        }
    }

    @Test
    void shortRecordIsOneLineWithRoundedNumbers() {
        assertEquals("Point[x=0.333, y=0.667, n=20251030, label=a]",
                RecordDisplay.text(new Point(1.0 / 3, 2f / 3, 20251030, "a")), "hand computation: 1/3, 2/3");
        assertEquals("Point[x=n/e, y=\u221e, n=0, label=null]",
                RecordDisplay.text(new Point(Double.NaN, Float.POSITIVE_INFINITY, 0, null)));
    }

    @Test
    void toolkitIntervalShowsThreeSignificantFigures() {
        Interval interval = new Interval(1.0 / 3, 0.1234567891, 0.987654321, 0.95, "exact F");
        assertEquals("Interval[estimate=0.333, lower=0.123, upper=0.988, level=0.95, method=exact F]",
                RecordDisplay.text(interval));
    }

    @Test
    void varianceComponentsShowOneComponentPerLineWithNestedIntervalsAndOptionals() {
        // three training seeds, three unlearning seeds each
        VarianceComponents vc = VarianceComponents.of(new double[][] {
            {0.71, 0.73, 0.70}, {0.80, 0.79, 0.83}, {0.65, 0.66, 0.64}});
        String text = RecordDisplay.text(vc);
        assertTrue(text.startsWith("VarianceComponents[\n  trainingSeeds=3,\n  runs=9,\n"), text);
        // hand computation: grand mean 6.51 / 9; MSW = SSW / 6 = 0.0015333 / 6; (MSB − MSW) / 3 with
        // MSB = SSB / 2 = 0.037267 / 2
        assertTrue(text.contains("\n  grandMean=0.723,\n"), text);
        assertTrue(text.contains("\n  sigma2Unlearn=2.56e-4,\n"), text);
        assertTrue(text.contains("\n  sigma2Train=0.00613,\n"), text);
        assertTrue(text.contains("\n  sigma2TrainInterval=Interval[estimate=0.00613, lower="), text);
        assertTrue(text.contains("\n  withinSeedConstant=false,\n"), text);
        assertTrue(text.endsWith("\n]"), text);
        assertFalse(LONG_FRACTION.matcher(text).find(), "no 10-or-more-digit decimal fraction:\n" + text);
        assertTrue(LONG_FRACTION.matcher(String.valueOf(vc.grandMean())).find(),
                "control: the raw double has a long fraction, so the pattern would catch it");
    }

    @Test
    void methodAuditShowsItsArraysCutAndItsSeedsNested() {
        // hand computation: of the 4 (positive, negative) pairs, 3 rank the positive higher: AUC 0.75
        Roc roc = Roc.of(new double[] {0.9, 0.8, 0.3, 0.1}, new boolean[] {true, false, true, false});
        int[] ids = java.util.stream.IntStream.range(100, 125).toArray();
        double[] epsilons = java.util.stream.IntStream.range(0, 25).mapToDouble(i -> Math.PI * i).toArray();
        List<SeedAudit> seeds = List.of(new SeedAudit(1, 11, 10, 0.5123456, 0.01, 0.001, 2.0 / 3, 1.2345678),
                new SeedAudit(2, 11, 10, 0.4987654, 0.02, 0.0, 0.7, Double.NaN));
        MethodAudit audit = new MethodAudit("one-training-seed", "full:Shirt", "ssd", false, 2, 22, 20, ids, roc,
                epsilons, 1.0 / 3, 0.25, 0.5, seeds);
        String text = RecordDisplay.text(audit);
        assertTrue(text.startsWith("MethodAudit[\n  protocol=one-training-seed,\n  scenario=full:Shirt,\n  method=ssd,\n"),
                text);
        assertTrue(text.contains("\n  exampleIds=int[25]: [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, \u2026, 122, 123,"
                + " 124],\n"), text);
        assertTrue(text.contains("\n  roc=Roc[\n    fpr=double[5]: [0, 0, 0.5, 0.5, 1],\n    tpr=double[5]: [0, 0.5, 0.5, 1, 1],"
                + "\n    auc=0.75,\n    positives=2,\n    negatives=2\n  ],\n"), "nested record wider than 100: " + text);
        assertTrue(text.contains("\n  epsilons=double[25]: [0, 3.14, 6.28, 9.42, "), "hand computation: i pi\n" + text);
        assertTrue(text.contains("\n  forgetQuality=0.333,\n  score=0.25,\n  controlAuc=0.5,\n"), text);
        assertTrue(text.contains("\n  seeds=[\n    SeedAudit[\n      trainSeed=1,\n"), text);
        assertTrue(text.contains("\n      auc=0.512,\n"), text);
        assertTrue(text.endsWith("\n      forgetQuality=0.7,\n      medianEpsilon=n/e\n    ]\n  ]\n]"), text);
        assertFalse(LONG_FRACTION.matcher(text).find(), text);
    }

    @Test
    void nestedValuesAreFormattedAndAbbreviated() {
        double[] curve = new double[30];
        for (int i = 0; i < curve.length; i++) {
            curve[i] = 1.0 / (i + 3);
        }
        Map<String, Double> byName = new LinkedHashMap<>();
        byName.put("ssd", 0.123456);
        byName.put("lfssd", Double.NaN);
        Holder h = new Holder(Optional.of(new Point(0.5, 0.25f, 1, "p")), OptionalDouble.empty(), Optional.empty(),
                List.of(new Point(0.1, 0.2f, 2, "q"), new Point(1e-7, 3e7f, 3, "r")), byName, curve,
                new int[][] {{1, 2}, {3, 4}}, Table.create("scores", DoubleColumn.create("x", 1, 2)));
        assertEquals(String.join("\n",
                "Holder[",
                "  point=Point[x=0.5, y=0.25, n=1, label=p],",
                "  value=empty,",
                "  none=empty,",
                "  points=[Point[x=0.1, y=0.2, n=2, label=q], Point[x=1e-7, y=3e7, n=3, label=r]],",
                "  byName={ssd=0.123, lfssd=n/e},",
                "  curve=double[30]: [0.333, 0.25, 0.2, 0.167, 0.143, 0.125, 0.111, 0.1, 0.0909, 0.0833, \u2026, 0.0333,"
                        + " 0.0323, 0.0313],",
                "  grid=int[2][2]:",
                "    [1, 2]",
                "    [3, 4],",
                "  table=scores \u2014 2 rows \u00d7 1 column",
                "]"), RecordDisplay.text(h));
    }

    @Test
    void longListsOfRecordsTakeOneLineEachAndAreCut() {
        List<Point> points = java.util.stream.IntStream.range(0, 25).mapToObj(i -> new Point(i / 7.0, 0, i, "p" + i))
                .toList();
        String text = RecordDisplay.text(new Nest(points));
        List<String> lines = text.lines().toList();
        assertEquals("Nest[", lines.get(0));
        assertEquals("  inner=[", lines.get(1));
        assertEquals("    Point[x=0, y=0, n=0, label=p0],", lines.get(2));
        assertEquals("    Point[x=0.143, y=0, n=1, label=p1],", lines.get(3), "hand computation: 1/7");
        assertEquals("    \u2026,", lines.get(12), "the first 10, then the last 3");
        assertEquals("    Point[x=3.43, y=0, n=24, label=p24]", lines.get(15), "hand computation: 24/7");
        assertEquals(List.of("  ]", "]"), lines.subList(16, lines.size()), text);
    }

    @Test
    void deepNestingIsCut() {
        Object deep = 0.5;
        for (int i = 0; i < 10; i++) {
            deep = new Nest(deep);
        }
        String text = RecordDisplay.text((Record) deep);
        assertTrue(text.contains("Nest[inner=\u2026]"), text);
        assertFalse(text.contains("0.5"), text);
    }

    @Test
    void unreadableRecordFallsBackToItsToString() {
        assertEquals("Broken, by its own toString", RecordDisplay.text(new Broken(1)));
    }

    @Test
    void optionalsAtTopLevelKeepTheirTypeName() {
        assertEquals("OptionalDouble[0.333]", RecordDisplay.optional(OptionalDouble.of(1.0 / 3)));
        assertEquals("Optional.empty", RecordDisplay.optional(Optional.empty()));
        assertEquals("Optional[Point[x=0.667, y=0, n=1, label=z]]",
                RecordDisplay.optional(Optional.of(new Point(2.0 / 3, 0, 1, "z"))));
    }

    @Test
    void rendererShowsRecordsAndOptionalsThroughRecordDisplay() {
        Renderer renderer = new Renderer();
        Renderers.registerAll(renderer);
        DisplayData point = renderer.render(new Point(1.0 / 3, 0, 1, "a"));
        assertEquals("Point[x=0.333, y=0, n=1, label=a]", point.getData(MIMEType.TEXT_PLAIN));
        assertEquals("OptionalDouble[0.333]", renderer.render(OptionalDouble.of(1.0 / 3)).getData(MIMEType.TEXT_PLAIN));
    }
}
