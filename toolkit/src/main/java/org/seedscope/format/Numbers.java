package org.seedscope.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * The one formatter for numbers a person reads: terminal summaries, reports, chart labels and the
 * notebook kernel's display of tables and arrays.
 *
 * <p>Rules for a {@code double} x (with {@value #SIGNIFICANT} significant figures by default):
 * <ul>
 * <li>NaN prints as "NaN" from {@link #format(double)}; the {@code estimate} methods print NaN
 *     and empty optionals as {@value #NOT_ESTIMABLE} ("not estimable"), for statistics a design
 *     cannot identify;</li>
 * <li>+∞ and −∞ print as {@value #INFINITY} and {@value #NEGATIVE_INFINITY}; 0 and −0 as "0";</li>
 * <li>an integral value with |x| &lt; 10<sup>6</sup> prints as an integer ("11", not
 *     "11.0");</li>
 * <li>10<sup>−3</sup> ≤ |x| &lt; 10<sup>6</sup>: plain decimal rounded to the significant
 *     figures, but never fewer digits than the integer part has (12345.6 prints "12346", so a
 *     value never shows more than 6 digits);</li>
 * <li>|x| &lt; 10<sup>−3</sup> or |x| ≥ 10<sup>6</sup>: scientific notation "1.23e-4",
 *     "3.1e45" (mantissa rounded to the significant figures);</li>
 * <li>trailing zeros after the decimal point are dropped ("0.5", not "0.500"), rounding is half
 *     up on the shortest decimal representation of x ({@link Double#toString}), so 0.125 prints
 *     "0.125" and 2.675 with 3 figures "2.68".</li>
 * </ul>
 *
 * <p>Why three significant figures: the quantities SeedScope reports (accuracies, MIA rates,
 * distances, variance components) vary between training seeds by at least about 1 % of their
 * value (the spread the paper is about), so a fourth figure is below the noise of any single
 * estimate and a 17-digit double only hides the leading figures. Three figures still resolve
 * differences of 0.1 % of a value; pass 4 to {@link #format(double, int)} where a reader must
 * compare values closer than that.
 *
 * <p>Negative finite values use the ASCII hyphen-minus ("-0.25") so that printed tables can be
 * pasted back into code; only the infinities use the minus sign U+2212, as in "−∞".
 */
public final class Numbers {

    /** Significant figures used by {@link #format(double)} and the other defaults. */
    public static final int SIGNIFICANT = 3;
    /** Printed for a statistic that cannot be estimated (NaN or an empty optional). */
    public static final String NOT_ESTIMABLE = "n/e";
    /** Printed for positive infinity. */
    public static final String INFINITY = "∞";
    /** Printed for negative infinity (U+2212 minus sign). */
    public static final String NEGATIVE_INFINITY = "−∞";
    /** Largest significant-figure count accepted: a double has at most 17. */
    public static final int MAX_SIGNIFICANT = 17;

    /** Below this magnitude, scientific notation. */
    private static final BigDecimal SMALL = new BigDecimal("0.001");
    /** From this magnitude on, scientific notation. */
    private static final BigDecimal LARGE = new BigDecimal("1000000");

    private Numbers() {
    }

    /**
     * Formats a number with {@value #SIGNIFICANT} significant figures (see the class comment).
     *
     * @param x any double
     * @return the text, e.g. "0.759", "1.23e-4", "∞", "NaN", "11"
     */
    public static String format(double x) {
        return format(x, SIGNIFICANT);
    }

    /**
     * Formats a number with the given significant figures (see the class comment).
     *
     * @param x any double
     * @param significant significant figures, 1 to {@value #MAX_SIGNIFICANT}
     * @return the text
     * @throws IllegalArgumentException when {@code significant} is outside 1 to
     *     {@value #MAX_SIGNIFICANT}
     */
    public static String format(double x, int significant) {
        if (significant < 1 || significant > MAX_SIGNIFICANT) {
            throw new IllegalArgumentException("significant figures must be 1 to "
                    + MAX_SIGNIFICANT + ", got " + significant);
        }
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? INFINITY : NEGATIVE_INFINITY;
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal exact = BigDecimal.valueOf(x);
        BigDecimal magnitude = exact.abs();
        if (magnitude.compareTo(SMALL) >= 0 && magnitude.compareTo(LARGE) < 0) {
            BigDecimal rounded = exact.precision() - exact.scale() > significant
                    ? exact.setScale(0, RoundingMode.HALF_UP)
                    : exact.round(new MathContext(significant, RoundingMode.HALF_UP));
            if (rounded.abs().compareTo(LARGE) < 0) {
                return plain(rounded);
            }
        }
        return scientific(exact.round(new MathContext(significant, RoundingMode.HALF_UP)));
    }

    /**
     * Formats an integer in full: counts, seeds and indices are never rounded.
     *
     * @param x any long
     * @return its decimal digits, e.g. "20251030"
     */
    public static String format(long x) {
        return Long.toString(x);
    }

    /**
     * Formats a value of unknown type, such as a table cell: {@link Double} and {@link Float}
     * as {@link #estimate(double)}, any other value (integers, text, dates) by
     * {@link String#valueOf(Object)}.
     *
     * @param value a value, may be null
     * @return the text; "null" for null
     */
    public static String value(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return estimate(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    /**
     * Formats an estimate: as {@link #format(double)}, but NaN prints as
     * {@value #NOT_ESTIMABLE}.
     *
     * @param x an estimate, NaN when it could not be estimated
     * @return the text
     */
    public static String estimate(double x) {
        return Double.isNaN(x) ? NOT_ESTIMABLE : format(x);
    }

    /**
     * Formats an optional estimate: empty (or NaN) prints as {@value #NOT_ESTIMABLE}.
     *
     * @param x an estimate, empty when the design cannot identify it
     * @return the text
     */
    public static String estimate(OptionalDouble x) {
        return x.isPresent() ? estimate(x.getAsDouble()) : NOT_ESTIMABLE;
    }

    /**
     * Formats an interval as "[lower, upper]" with each end as {@link #estimate(double)}, e.g.
     * "[0.12, 0.58]", "[0, ∞]", "[0.3, n/e]"; both ends NaN print as {@value #NOT_ESTIMABLE}.
     *
     * @param lower the lower end
     * @param upper the upper end
     * @return the text
     * @throws IllegalArgumentException when both ends are numbers and lower &gt; upper
     */
    public static String interval(double lower, double upper) {
        if (lower > upper) {
            throw new IllegalArgumentException("interval lower end " + lower
                    + " is above its upper end " + upper);
        }
        if (Double.isNaN(lower) && Double.isNaN(upper)) {
            return NOT_ESTIMABLE;
        }
        return "[" + estimate(lower) + ", " + estimate(upper) + "]";
    }

    /**
     * Right-aligns text in a field of fixed width, for terminal tables; text already at least
     * that wide is returned unchanged (numbers are never cut).
     *
     * @param text the text
     * @param width the field width in characters, at least 0
     * @return the padded text
     * @throws IllegalArgumentException for a negative width
     */
    public static String padLeft(String text, int width) {
        if (width < 0) {
            throw new IllegalArgumentException("field width must be at least 0, got " + width);
        }
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    /**
     * {@link #format(double)} right-aligned in a field of fixed width (see
     * {@link #padLeft(String, int)}).
     *
     * @param x any double
     * @param width the field width in characters, at least 0
     * @return the padded text
     * @throws IllegalArgumentException for a negative width
     */
    public static String column(double x, int width) {
        return padLeft(format(x), width);
    }

    private static String plain(BigDecimal rounded) {
        BigDecimal stripped = rounded.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        return stripped.toPlainString();
    }

    /** "d.ddde±x" from a value already rounded to its significant figures. */
    private static String scientific(BigDecimal rounded) {
        BigDecimal stripped = rounded.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - stripped.scale();
        StringBuilder out = new StringBuilder();
        if (stripped.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        return out.append('e').append(exponent).toString();
    }
}
