package org.seedscope.unlearn;

import java.util.BitSet;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;
import org.seedscope.train.StepHook;

/**
 * Records, while an original model trains, what {@link Amnesiac} needs: the running sum (in double)
 * of {@code theta_after - theta_before} over every step whose batch contains a forget row. Pass it
 * as the {@link StepHook} of {@link org.seedscope.train.Trainer#train}; it only reads the model, so
 * the trained parameters are bit-identical to a run without it. One recorder per training run; not
 * thread-safe.
 *
 * <pre>{@code
 * var recorder = new AmnesiacRecorder(forgetRows, train.size());
 * Model original = trainer.train(Model.initialise(arch, SeedPurpose.ORIGINAL_INIT.derive(s)), train,
 *         SeedPurpose.ORIGINAL_ORDER.derive(s), Losses.crossEntropy(train.y()), recorder).model();
 * var context = new UnlearningContext(retain, forget, seed, engine, config)
 *         .withAmnesiacRecording(recorder.recording(original));
 * }</pre>
 *
 * <p>Cost per recorded step: one copy of the parameters as floats (taken before the step) and one
 * pass adding the difference; memory: that copy plus the double sum.
 */
public final class AmnesiacRecorder implements StepHook {
    private final BitSet forget = new BitSet();
    private final int[] forgetRows;
    private final int trainingRows;
    private double[] sum;
    private float[] before;
    private int recordedSteps;
    private int totalSteps;

    /**
     * @param forgetRows indices into the training examples of the rows to forget later; non-empty,
     *     each in {@code [0, trainingRows)}; duplicates are ignored
     * @param trainingRows number of training examples
     */
    public AmnesiacRecorder(int[] forgetRows, int trainingRows) {
        for (int r : forgetRows) {
            if (r < 0 || r >= trainingRows) {
                throw new IllegalArgumentException("forget row " + r + " is outside the training set [0, "
                        + trainingRows + ")");
            }
            forget.set(r);
        }
        if (forget.isEmpty()) {
            throw new IllegalArgumentException("an Amnesiac recorder needs at least one forget row");
        }
        this.forgetRows = forget.stream().toArray();
        this.trainingRows = trainingRows;
    }

    @Override
    public void beforeStep(int[] rows, Model model) {
        totalSteps++;
        before = touchesForget(rows) ? model.parameters().toArray() : null;
    }

    @Override
    public void afterStep(int[] rows, Model model) {
        if (before == null) {
            return;
        }
        Parameters p = model.parameters();
        if (sum == null) {
            sum = new double[p.size()];
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] += (double) p.get(k) - (double) before[k];
        }
        before = null;
        recordedSteps++;
    }

    /**
     * @param trained the model the training run produced (its parameter hash is stored, so the
     *     recording cannot be applied to another model)
     * @return the recording so far
     */
    public AmnesiacRecording recording(Model trained) {
        double[] s = sum == null ? new double[trained.architecture().parameterCount()] : sum;
        if (s.length != trained.parameters().size()) {
            throw new IllegalArgumentException("the recorder saw " + s.length + " parameters but the model has "
                    + trained.parameters().size());
        }
        return new AmnesiacRecording(s, forgetRows, trainingRows, recordedSteps, totalSteps,
                trained.parameters().sha256());
    }

    private boolean touchesForget(int[] rows) {
        for (int r : rows) {
            if (forget.get(r)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AmnesiacRecorder[" + forgetRows.length + " forget rows, " + recordedSteps + " of " + totalSteps
                + " steps recorded]";
    }
}
