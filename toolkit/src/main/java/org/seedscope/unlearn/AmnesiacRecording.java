package org.seedscope.unlearn;

import java.util.Arrays;
import java.util.Objects;

/**
 * What Amnesiac unlearning needs from the training run of an original model (Graves, Nagisetty,
 * Ganesh, "Amnesiac machine learning", AAAI 2021): the sum, in double, of the parameter updates
 * {@code theta_after - theta_before} of every training step whose batch contained at least one
 * forget row. Made by {@link AmnesiacRecorder#recording}; handed to {@link Amnesiac} through
 * {@link UnlearningContext#withAmnesiacRecording}.
 *
 * <p>Memory: one double per parameter (8 bytes each), whatever the number of steps. Keeping every
 * update instead would cost {@code steps x parameters x 4} bytes (for an MLP 784-256-10 trained 10
 * epochs in batches of 128 on 60,000 rows: 4,690 steps x 203,530 parameters x 4 bytes = 3.8 GB),
 * and Amnesiac only ever uses their sum, so the sum is what is kept. The price: the recording covers
 * one fixed forget set, chosen before training.
 *
 * @param summedUpdate the summed updates, one per parameter (copied in and out)
 * @param forgetRows the training-set row indices whose batches were recorded, sorted, distinct
 *     (copied in and out)
 * @param trainingRows the size of the training set the rows index into
 * @param recordedSteps how many steps touched a forget row
 * @param totalSteps how many steps the training run had
 * @param modelSha256 {@link org.seedscope.engine.Parameters#sha256()} of the trained model the
 *     recording belongs to
 */
public record AmnesiacRecording(double[] summedUpdate, int[] forgetRows, int trainingRows, int recordedSteps,
        int totalSteps, String modelSha256) {

    /** Validates and copies. */
    public AmnesiacRecording {
        summedUpdate = summedUpdate.clone();
        forgetRows = forgetRows.clone();
        Objects.requireNonNull(modelSha256, "modelSha256");
        if (forgetRows.length == 0) {
            throw new IllegalArgumentException("an Amnesiac recording needs at least one forget row");
        }
        for (int i = 0; i < forgetRows.length; i++) {
            if (forgetRows[i] < 0 || forgetRows[i] >= trainingRows || (i > 0 && forgetRows[i] <= forgetRows[i - 1])) {
                throw new IllegalArgumentException("forget rows must be sorted, distinct and in [0, " + trainingRows
                        + "), got " + forgetRows[i] + " at position " + i);
            }
        }
        if (recordedSteps < 0 || recordedSteps > totalSteps) {
            throw new IllegalArgumentException("recorded steps must be in [0, totalSteps = " + totalSteps + "], got "
                    + recordedSteps);
        }
    }

    /** @return a copy of the summed update */
    @Override
    public double[] summedUpdate() {
        return summedUpdate.clone();
    }

    /** @return a copy of the recorded forget rows */
    @Override
    public int[] forgetRows() {
        return forgetRows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmnesiacRecording r && Arrays.equals(summedUpdate, r.summedUpdate)
                && Arrays.equals(forgetRows, r.forgetRows) && trainingRows == r.trainingRows
                && recordedSteps == r.recordedSteps && totalSteps == r.totalSteps && modelSha256.equals(r.modelSha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(summedUpdate), Arrays.hashCode(forgetRows), trainingRows, recordedSteps,
                totalSteps, modelSha256);
    }

    @Override
    public String toString() {
        return "AmnesiacRecording[" + forgetRows.length + " forget rows of " + trainingRows + ", " + recordedSteps
                + " of " + totalSteps + " steps, " + summedUpdate.length + " parameters, model "
                + modelSha256.substring(0, Math.min(12, modelSha256.length())) + "]";
    }
}
