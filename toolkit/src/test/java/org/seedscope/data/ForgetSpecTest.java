package org.seedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ForgetSpecTest {

    private static Dataset fashion;

    @BeforeAll
    static void load() {
        fashion = Datasets.fashionMnist();
    }

    /** Rows of {@code e} whose label is (or is not) {@code label}, in order. */
    private static int[] rowsWithLabel(int[] labels, int label, boolean equal) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] == label) == equal) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A tiny dataset with one feature equal to the row index, so rows can be identified: labels
     * train 0,1,2,0,1,2,0,1 and test 2,1,0,2.
     */
    private static Dataset tiny() {
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        float[] x = new float[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        Examples train = new Examples(x, y, 1, 3);
        Examples test = new Examples(new float[] {100, 101, 102, 103}, new int[] {2, 1, 0, 2}, 1, 3);
        return new Dataset("tiny", train, test, List.of("a", "b", "c"), Optional.empty(),
                new DataProvenance("hand-made", "none", "hand-made", DataProvenance.sha256(train, test)));
    }

    private static Set<Float> ids(Examples e) {
        Set<Float> s = new HashSet<>();
        for (float v : e.x()) {
            s.add(v);
        }
        return s;
    }

    @Test
    void fullClassShirtOnShippedSubset() {
        Split s = ForgetSpec.fullClass("Shirt").split(fashion);
        int shirt = 6;
        // shipped subset: 1,200 train / 200 test per class (datasets/fashion-mnist-subset/README.md)
        assertEquals(1200, s.forgetTrain().size());
        assertEquals(10_800, s.retainTrain().size());
        assertEquals(200, s.forgetTest().size());
        assertEquals(1800, s.retainTest().size());
        assertEquals(2000, s.test().size());
        assertEquals(fashion.classNames(), s.classNames());
        assertEquals(fashion.train().select(rowsWithLabel(fashion.train().y(), shirt, true)), s.forgetTrain());
        assertEquals(fashion.train().select(rowsWithLabel(fashion.train().y(), shirt, false)), s.retainTrain());
        assertEquals(fashion.test().select(rowsWithLabel(fashion.test().y(), shirt, true)), s.forgetTest());
        assertEquals(fashion.test().select(rowsWithLabel(fashion.test().y(), shirt, false)), s.retainTest());
        assertEquals(fashion.train(), s.train());
    }

    @Test
    void fullClassPartitionsRowsExactlyInOrder() {
        Split s = ForgetSpec.fullClass("b").split(tiny());
        // hand computation: class b = train rows 1, 4, 7 and test row 1 (feature 101)
        assertArrayEquals(new float[] {1, 4, 7}, s.forgetTrain().x());
        assertArrayEquals(new float[] {0, 2, 3, 5, 6}, s.retainTrain().x());
        assertArrayEquals(new float[] {101}, s.forgetTest().x());
        assertArrayEquals(new float[] {100, 102, 103}, s.retainTest().x());
        assertArrayEquals(new int[] {1, 1, 1}, s.forgetTrain().y());
    }

    @Test
    void subClassShirtTrainsOnSuperclasses() {
        Split s = ForgetSpec.subClass("Shirt").split(fashion);
        assertEquals(List.of("tops", "footwear", "other"), s.classNames());
        assertEquals(1200, s.forgetTrain().size());
        assertEquals(10_800, s.retainTrain().size());
        assertEquals(200, s.forgetTest().size());
        assertEquals(1800, s.retainTest().size());
        assertEquals(2000, s.test().size());
        assertArrayEquals(new int[1200], s.forgetTrain().y(), "Shirt is labelled tops = 0");
        assertArrayEquals(new int[200], s.forgetTest().y(), "forget test labelled with the superclass");
        int[] retainCounts = new int[3];
        for (int label : s.retainTrain().y()) {
            retainCounts[label]++;
        }
        // hand computation: tops keeps T-shirt/top, Pullover, Coat (3 x 1,200); footwear 3 x 1,200;
        // other 3 x 1,200
        assertArrayEquals(new int[] {3600, 3600, 3600}, retainCounts);
        int[] testCounts = new int[3];
        for (int label : s.test().y()) {
            testCounts[label]++;
        }
        assertArrayEquals(new int[] {800, 600, 600}, testCounts, "4/3/3 fine classes x 200");
        assertArrayEquals(fashion.train().select(rowsWithLabel(fashion.train().y(), 6, true)).x(),
                s.forgetTrain().x(), "forget set = the Shirt images, in order");
    }

    @Test
    void subClassOnOwnDataWithAnAttachedHierarchy() {
        ClassHierarchy h = new ClassHierarchy(List.of("a", "b", "c"), List.of("ab", "c"),
                Map.of("a", "ab", "b", "ab", "c", "c"));
        Split s = ForgetSpec.subClass("b").split(tiny().withHierarchy(h));
        // hand computation: train labels 0,1,2,0,1,2,0,1 -> coarse 0,0,1,0,0,1,0,0; b = rows 1, 4, 7
        assertEquals(List.of("ab", "c"), s.classNames());
        assertArrayEquals(new float[] {1, 4, 7}, s.forgetTrain().x());
        assertArrayEquals(new int[] {0, 0, 0}, s.forgetTrain().y());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, s.retainTrain().y());
        assertArrayEquals(new int[] {1, 0, 0, 1}, s.test().y());
        assertArrayEquals(new float[] {101}, s.forgetTest().x());
    }

    @Test
    void subClassNeedsAHierarchyAndAFineClass() {
        var noHierarchy = assertThrows(IllegalArgumentException.class,
                () -> ForgetSpec.subClass("3").split(Datasets.digits()));
        assertTrue(noHierarchy.getMessage().contains("no class hierarchy"), noHierarchy.getMessage());
        var coarse = assertThrows(IllegalArgumentException.class, () -> ForgetSpec.subClass("tops").split(fashion));
        assertTrue(coarse.getMessage().contains(Datasets.FASHION_MNIST_CLASSES.toString()), coarse.getMessage());
    }

    @Test
    void unknownClassListsValidNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> ForgetSpec.fullClass("Shrt").split(fashion));
        assertTrue(e.getMessage().contains("'Shrt'"), e.getMessage());
        assertTrue(e.getMessage().contains("[T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, "
                + "Bag, Ankle boot]"), e.getMessage());
    }

    @Test
    void emptyForgetSetIsRejected() {
        Examples train = new Examples(new float[] {0, 1}, new int[] {0, 0}, 1, 2);
        Examples test = new Examples(new float[] {2}, new int[] {1}, 1, 2);
        Dataset d = new Dataset("no-b-in-train", train, test, List.of("a", "b"), Optional.empty(),
                new DataProvenance("hand-made", "none", "hand-made", DataProvenance.sha256(train, test)));
        var e = assertThrows(IllegalArgumentException.class, () -> ForgetSpec.fullClass("b").split(d));
        assertTrue(e.getMessage().contains("forget set is empty"), e.getMessage());
        var tinyFraction = assertThrows(IllegalArgumentException.class,
                () -> ForgetSpec.randomFraction(0.01, 1).split(tiny()));
        assertTrue(tinyFraction.getMessage().contains("forget set would be empty"), tinyFraction.getMessage());
    }

    @Test
    void randomFractionIsReproducibleAndSeedDependent() {
        long seed = 7;
        Split a = ForgetSpec.randomFraction(0.1, seed).split(fashion);
        Split b = ForgetSpec.randomFraction(0.1, seed).split(fashion);
        Split c = ForgetSpec.randomFraction(0.1, seed + 1).split(fashion);
        assertEquals(1200, a.forgetTrain().size(), "round(0.1 x 12,000)");
        assertEquals(10_800, a.retainTrain().size());
        assertEquals(a.forgetTrain(), b.forgetTrain(), "same seed " + seed + " gives the same sample");
        assertNotEquals(a.forgetTrain(), c.forgetTrain(), "seeds " + seed + " and " + (seed + 1) + " differ");
        assertTrue(a.forgetTest().isEmpty());
        assertEquals(fashion.test(), a.test());
        assertEquals(fashion.test(), a.retainTest());
    }

    @Test
    void randomFractionPartitionsTheTrainingRowsInOrder() {
        for (long seed = 0; seed < 20; seed++) {
            Split s = ForgetSpec.randomFraction(0.25, seed).split(tiny());
            List<Float> forget = new ArrayList<>(ids(s.forgetTrain()));
            assertEquals(2, forget.size(), "round(0.25 x 8) distinct rows, seed " + seed);
            Set<Float> all = new HashSet<>(ids(s.forgetTrain()));
            all.addAll(ids(s.retainTrain()));
            assertEquals(ids(tiny().train()), all, "forget and retain cover the training set, seed " + seed);
            float[] fx = s.forgetTrain().x();
            float[] rx = s.retainTrain().x();
            assertTrue(fx[0] < fx[1], "forget rows keep file order, seed " + seed);
            for (int i = 1; i < rx.length; i++) {
                assertTrue(rx[i - 1] < rx[i], "retain rows keep file order, seed " + seed);
            }
        }
    }

    @Test
    void idsAreStableAndParseBack() {
        assertEquals("full:Shirt", ForgetSpec.fullClass("Shirt").id());
        assertEquals("sub:Shirt", ForgetSpec.subClass("Shirt").id());
        assertEquals("random:0.10@seed7", ForgetSpec.randomFraction(0.1, 7).id());
        assertEquals("random:0.125@seed-3", ForgetSpec.randomFraction(0.125, -3).id());
        assertEquals("random:0.00001@seed0", ForgetSpec.randomFraction(1e-5, 0).id());
        for (ForgetSpec spec : List.of(ForgetSpec.fullClass("Ankle boot"), ForgetSpec.subClass("T-shirt/top"),
                ForgetSpec.randomFraction(0.1, 7), ForgetSpec.randomFraction(0.125, -3),
                ForgetSpec.randomFraction(1e-5, 0))) {
            assertEquals(spec, ForgetSpec.parse(spec.id()), spec.id());
        }
        assertEquals(ForgetSpec.randomFraction(0.1, 7), ForgetSpec.parse("random:0.1@seed7"));
    }

    @Test
    void badSpecsAreRejected() {
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> ForgetSpec.randomFraction(f, 1));
            assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
        }
        for (String id : List.of("Shirt", "full:", "class:Shirt", "random:0.1", "random:abc@seed1")) {
            var e = assertThrows(IllegalArgumentException.class, () -> ForgetSpec.parse(id));
            assertTrue(e.getMessage().contains(id), e.getMessage());
            assertTrue(e.getMessage().contains("full:<class>"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ForgetSpec.fullClass(" "));
    }
}
