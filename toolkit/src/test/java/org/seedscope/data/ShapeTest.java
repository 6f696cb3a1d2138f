package org.seedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape of one example, from loading through subsets, splits and concatenation. */
class ShapeTest {

    private static final int[] FASHION = {1, 28, 28};
    private static Dataset fashion;

    @BeforeAll
    static void load() {
        fashion = Datasets.fashionMnist();
    }

    private static void assertShape(int[] expected, Examples e, String what) {
        assertArrayEquals(expected, e.shape(), what);
        assertEquals(expected[0] * expected[1] * expected[2], e.features(), what);
    }

    @Test
    void subsetsAndHierarchiesKeepTheImageShape() {
        Dataset sub = fashion.subset(100, 20);
        assertArrayEquals(FASHION, sub.shape());
        assertShape(FASHION, sub.train(), "subset train");
        assertShape(FASHION, sub.test(), "subset test");
        assertArrayEquals(FASHION, sub.withHierarchy(ClassHierarchy.fashionMnist()).shape());
        assertEquals("pixel/255; shape 1x28x28", sub.provenance().preprocessing());
        assertShape(FASHION, sub.train().select(new int[] {3, 1}), "select");
        assertShape(FASHION, sub.train().relabel(new int[sub.train().size()], 2), "relabel");
    }

    @Test
    void everySetOfEveryForgetSplitKeepsTheImageShape() {
        Dataset sub = fashion.subset(200, 40);
        for (ForgetSpec spec : List.of(ForgetSpec.fullClass("Shirt"), ForgetSpec.subClass("Shirt"),
                ForgetSpec.randomFraction(0.1, 7))) {
            Split s = spec.split(sub);
            for (Examples e : List.of(s.train(), s.retainTrain(), s.forgetTrain(), s.test(), s.retainTest(),
                    s.forgetTest())) {
                assertShape(FASHION, e, spec.id());
            }
        }
    }

    @Test
    void concatenationKeepsTheShapeAndAFlatOperandTakesTheOther() {
        Examples images = fashion.train().select(new int[] {0, 1});
        Examples joined = images.concat(fashion.test().select(new int[] {0}));
        assertShape(FASHION, joined, "image + image");
        assertEquals(3, joined.size());

        Examples flat = new Examples(new float[784], new int[] {4}, 784, 10);
        assertShape(FASHION, images.concat(flat), "image + flat");
        assertShape(FASHION, flat.concat(images), "flat + image");
        assertArrayEquals(new int[] {784}, flat.concat(flat).shape(), "flat + flat stays flat");

        Examples otherLayout = images.withShape(4, 14, 14);
        var e = assertThrows(IllegalArgumentException.class, () -> images.concat(otherLayout));
        assertTrue(e.getMessage().contains("1x28x28") && e.getMessage().contains("4x14x14"), e.getMessage());
        Examples fewer = new Examples(new float[64], new int[] {0}, 64, 10);
        assertThrows(IllegalArgumentException.class, () -> images.concat(fewer));
    }

    @Test
    void withShapeRelaysOutRowsWithoutMovingDataAndUpdatesTheProvenance() {
        Dataset digits = Datasets.digits();
        assertEquals("pixel/16; shape 1x8x8", digits.provenance().preprocessing());
        Dataset flat = digits.withShape(64);
        assertArrayEquals(new int[] {64}, flat.shape());
        assertSame(digits.train().x(), flat.train().x(), "no copy of the features");
        assertEquals("pixel/16", flat.provenance().preprocessing(), "a flat shape adds no clause");
        assertEquals(DataProvenance.sha256(flat.train(), flat.test()), flat.provenance().sha256());
        assertNotEquals(digits.provenance().sha256(), flat.provenance().sha256(), "the hash includes the shape");
        Dataset back = flat.withShape(1, 8, 8);
        assertEquals(digits.provenance(), back.provenance(), "round trip restores provenance");
        assertEquals(digits.train(), back.train());
        assertEquals("digits: 1442 train / 355 test, 64 features (1x8x8), 10 classes", digits.toString());

        var wrong = assertThrows(IllegalArgumentException.class, () -> digits.withShape(3, 8, 8));
        assertTrue(wrong.getMessage().contains("3x8x8 holds 192 features but these examples have 64"),
                wrong.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> digits.withShape(0, 64));
        assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> digits.withShape());
    }

    @Test
    void shapeIsACopyAndPartOfEquality() {
        Examples e = new Examples(new float[] {1, 2, 3, 4}, new int[] {0}, new int[] {1, 2, 2}, 2);
        int[] shape = e.shape();
        shape[0] = 4;
        assertArrayEquals(new int[] {1, 2, 2}, e.shape(), "the caller's copy does not change the examples");
        int[] given = {1, 2, 2};
        Examples f = new Examples(e.x(), e.y(), given, 2);
        given[1] = 4;
        assertArrayEquals(new int[] {1, 2, 2}, f.shape(), "the constructor copies its argument");
        assertEquals(e, f);
        assertNotEquals(e, e.withShape(4), "same values, other layout");
        assertEquals("Examples[1 x 4 features (1x2x2), 2 classes]", e.toString());
        var bad = assertThrows(IllegalArgumentException.class,
                () -> new Examples(new float[5], new int[] {0}, new int[] {1, 2, 2}, 2));
        assertTrue(bad.getMessage().contains("x has 5 values but 1 labels x 4 features"), bad.getMessage());
    }

    @Test
    void aDatasetNeedsOneShapeForTrainAndTest() {
        Examples train = new Examples(new float[4], new int[] {0}, new int[] {1, 2, 2}, 2);
        Examples test = new Examples(new float[4], new int[] {1}, 4, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> new Dataset("mixed", train, test,
                List.of("a", "b"), Optional.empty(), DataProvenance.of("hand-made", "none", "hand-made", train, test)));
        assertTrue(e.getMessage().contains("train has shape 1x2x2") && e.getMessage().contains("test has shape 4"),
                e.getMessage());
    }
}
