package org.seedscope.train;

/**
 * Thrown when a loss becomes NaN or infinite; the model is left as it was before the bad step.
 * Study runners record it as a failed run with {@link #getMessage()} as the reason.
 */
public final class TrainingDiverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param epoch zero-based epoch
     * @param step zero-based step within the epoch
     * @param loss the non-finite loss
     */
    public TrainingDiverged(int epoch, int step, double loss) {
        super("diverged: loss " + loss + " at epoch " + (epoch + 1) + ", step " + (step + 1));
    }
}
