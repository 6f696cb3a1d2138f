package org.seedscope.engine;

/**
 * Which gradient quantities a call to {@link Engine#gradients} returns besides the parameter
 * gradient {@code sum_n dL_n/dtheta} (always returned).
 *
 * @param input the gradient with respect to the inputs, one row per example
 * @param squared per-example squared parameter gradients summed over examples,
 *     {@code sum_n (dL_n/dtheta_k)^2} (SSD-Det's importance numerator)
 * @param absolute per-example absolute parameter gradients summed over examples,
 *     {@code sum_n |dL_n/dtheta_k|} (LFSSD-Det's importance numerator)
 */
public record GradientRequest(boolean input, boolean squared, boolean absolute) {
    /** Parameter gradients only. */
    public static final GradientRequest PARAMETERS = new GradientRequest(false, false, false);
    /** Parameter gradients and the input gradient. */
    public static final GradientRequest WITH_INPUT = new GradientRequest(true, false, false);
    /** Parameter gradients and per-example squared sums. */
    public static final GradientRequest WITH_SQUARED = new GradientRequest(false, true, false);
    /** Parameter gradients and per-example absolute sums. */
    public static final GradientRequest WITH_ABSOLUTE = new GradientRequest(false, false, true);

    String key() {
        return (input ? "i" : "") + (squared ? "s" : "") + (absolute ? "a" : "");
    }
}
