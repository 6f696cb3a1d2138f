package org.seedscope.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Hand cases: every expected string below was written by hand from the rules. */
class NumbersTest {

    @Test
    void threeSignificantFiguresWithoutTrailingZeros() {
        assertEquals("0.759", Numbers.format(0.7593301435406698));
        assertEquals("0.5", Numbers.format(0.5));
        assertEquals("0.12", Numbers.format(0.1200000001));
        assertEquals("0.0252", Numbers.format(0.025166114784235832));
        assertEquals("0.00123", Numbers.format(0.0012345));
        assertEquals("0.001", Numbers.format(0.001));
        assertEquals("-0.25", Numbers.format(-0.25));
        assertEquals("3.14", Numbers.format(Math.PI));
        assertEquals("123", Numbers.format(123.456));
    }

    @Test
    void roundsHalfUpOnTheShortestDecimal() {
        assertEquals("2.68", Numbers.format(2.675), "binary 2.67499999... still reads 2.675");
        assertEquals("0.125", Numbers.format(0.125));
        assertEquals("0.13", Numbers.format(0.125, 2));
        assertEquals("1", Numbers.format(0.9996), "rounding up to an integer drops the point");
        assertEquals("1000", Numbers.format(999.96));
    }

    @Test
    void integersPrintAsIntegers() {
        assertEquals("11", Numbers.format(11.0));
        assertEquals("0", Numbers.format(0.0));
        assertEquals("0", Numbers.format(-0.0));
        assertEquals("-3", Numbers.format(-3.0));
        assertEquals("123456", Numbers.format(123456.0));
        assertEquals("20251030", Numbers.format(20_251_030L), "longs are never rounded");
        assertEquals("-9223372036854775808", Numbers.format(Long.MIN_VALUE));
    }

    @Test
    void largeNonIntegersKeepTheirIntegerDigits() {
        assertEquals("12346", Numbers.format(12345.6));
        assertEquals("1235", Numbers.format(1234.5));
        assertEquals("1e6", Numbers.format(999999.6), "rounding reaches 10^6: scientific");
    }

    @Test
    void scientificNotationForTinyAndHugeMagnitudes() {
        assertEquals("1.23e-4", Numbers.format(0.00012345));
        assertEquals("5e-4", Numbers.format(0.0005));
        assertEquals("1e-3", Numbers.format(0.00099999), "rounds up to the threshold");
        assertEquals("-4.2e-7", Numbers.format(-4.2e-7));
        assertEquals("3.1e45", Numbers.format(3.1e45), "notebook 04's upper bound");
        assertEquals("1e6", Numbers.format(1e6));
        assertEquals("1.23e7", Numbers.format(12_345_678.0));
        assertEquals("4.9e-324", Numbers.format(Double.MIN_VALUE));
        assertEquals("1.8e308", Numbers.format(Double.MAX_VALUE, 2));
    }

    @Test
    void infinitiesAndNotEstimable() {
        assertEquals("∞", Numbers.format(Double.POSITIVE_INFINITY));
        assertEquals("−∞", Numbers.format(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("n/e", Numbers.estimate(Double.NaN));
        assertEquals("0.3", Numbers.estimate(0.3));
        assertEquals("n/e", Numbers.estimate(OptionalDouble.empty()));
        assertEquals("∞", Numbers.estimate(OptionalDouble.of(Double.POSITIVE_INFINITY)));
        assertEquals("1.5e-5", Numbers.estimate(OptionalDouble.of(0.000015)));
    }

    @Test
    void otherSignificantFigureCounts() {
        assertEquals("0.7593", Numbers.format(0.7593301435406698, 4));
        assertEquals("0.8", Numbers.format(0.7593301435406698, 1));
        assertEquals("12", Numbers.format(12.3, 1), "never fewer digits than the integer part");
        assertEquals("0.1", Numbers.format(0.1f), "a float's binary tail is rounded away");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Numbers.format(1.0, 0));
        assertTrue(e.getMessage().contains("1 to 17") && e.getMessage().contains("got 0"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Numbers.format(1.0, 18));
    }

    @Test
    void valuesOfUnknownType() {
        assertEquals("0.333", Numbers.value(1.0 / 3));
        assertEquals("0.1", Numbers.value(0.1f));
        assertEquals("n/e", Numbers.value(Double.NaN));
        assertEquals("20251030", Numbers.value(20_251_030L));
        assertEquals("ssd", Numbers.value("ssd"));
        assertEquals("null", Numbers.value(null));
    }

    @Test
    void intervals() {
        assertEquals("[0.123, 0.577]", Numbers.interval(0.1234, 0.5771));
        assertEquals("[0, ∞]", Numbers.interval(0, Double.POSITIVE_INFINITY));
        assertEquals("[0.3, n/e]", Numbers.interval(0.3, Double.NaN));
        assertEquals("n/e", Numbers.interval(Double.NaN, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Numbers.interval(0.6, 0.5));
        assertTrue(e.getMessage().contains("0.6") && e.getMessage().contains("0.5"),
                e.getMessage());
    }

    @Test
    void fixedWidthsRightAlignAndNeverCut() {
        assertEquals("  0.759", Numbers.column(0.7593, 7));
        assertEquals("1.23e-4", Numbers.column(0.00012345, 3));
        assertEquals("   ab", Numbers.padLeft("ab", 5));
        assertEquals("ab", Numbers.padLeft("ab", 0));
        assertThrows(IllegalArgumentException.class, () -> Numbers.padLeft("ab", -1));
    }

    @Test
    void neverMoreThanSixSignificantDigits() {
        // a sweep over magnitudes: issue 17 asks that no number a person reads is longer
        double[] xs = {1.0 / 3, 2.0 / 3 * 10, 1e5 / 3, 1e6 / 3, 1e7 / 3, 1e-3 / 3, 1e-2 / 7,
            654321.987, -98765.4321};
        for (double x : xs) {
            String digits = Numbers.format(x).replaceAll("e-?\\d+$", "").replaceAll("[^0-9]", "")
                    .replaceFirst("^0+", "");
            assertTrue(digits.length() <= 6, x + " printed as " + Numbers.format(x));
        }
    }
}
