package org.seedscope.engine;

/**
 * Gradients of a summed loss {@code L = sum_n L_n} over a set of examples, as returned by
 * {@link Engine#gradients}. Arrays follow the {@link Architecture} parameter layout; the optional
 * ones exist only when the {@link GradientRequest} asked for them.
 */
public final class Gradients {
    private final float[] parameters;
    private final float[] input;
    private final float[] squared;
    private final float[] absolute;

    Gradients(float[] parameters, float[] input, float[] squared, float[] absolute) {
        this.parameters = parameters;
        this.input = input;
        this.squared = squared;
        this.absolute = absolute;
    }

    /** @return {@code sum_n dL_n/dtheta}, one value per parameter */
    public float[] parameters() {
        return parameters;
    }

    /** @return {@code dL/dx}, row-major {@code size x inputs} */
    public float[] input() {
        return require(input, "input");
    }

    /** @return {@code sum_n (dL_n/dtheta_k)^2}, one value per parameter */
    public float[] squared() {
        return require(squared, "squared");
    }

    /** @return {@code sum_n |dL_n/dtheta_k|}, one value per parameter */
    public float[] absolute() {
        return require(absolute, "absolute");
    }

    private static float[] require(float[] values, String what) {
        if (values == null) {
            throw new IllegalStateException("the " + what + " gradient was not requested: pass a GradientRequest with "
                    + what + " = true");
        }
        return values;
    }
}
