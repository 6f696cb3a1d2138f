package org.seedscope.unlearn;

import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;
import org.seedscope.train.Losses;
import org.seedscope.train.Schedule;
import org.seedscope.train.Trainer;

/**
 * Amnesiac unlearning as originally defined (Graves, Nagisetty, Ganesh, "Amnesiac machine
 * learning", AAAI 2021), registry id {@code amnesiac}: subtract from the original the parameter
 * updates of every training batch that contained a forget row,
 * {@code theta_k <- (float) ((double) theta_k - sum_(recorded steps) Delta_k)}, then optionally
 * repair with a short training run on {@code D_r}. (The method the SSD paper's code calls
 * "amnesiac" is Random Labels, a different method.)
 *
 * <p>The updates are recorded at training time by an {@link AmnesiacRecorder} and arrive through
 * {@link UnlearningContext#amnesiacRecording()}; the method checks that the recording belongs to
 * the given original (parameter hash) and to a forget set of the same size.
 *
 * <p>Repair: {@code repairEpochs} epochs on {@code D_r} with the original training's optimiser
 * (same type and base rate, fresh state), batch size and a constant schedule, shuffled from the
 * unlearning seed. Default {@code repairEpochs = 1}: for a full-class forget almost every batch
 * contains a forget row (with 10 % forget rows and batches of 128, a batch misses them all with
 * probability {@code 0.9^128 ~ 1e-6}), so the subtraction returns the model to about its
 * initialisation (Graves et al. note that accuracy lost by the removal can be regained by a
 * little further training on the remaining data). Measured on the tests' fixture (10 Gaussian
 * classes, MLP 32-64-10, 10 epochs, full-class forget; three training seeds): all 240 of 240 steps are
 * recorded; without repair retain accuracy falls to 0.07-0.11 and forget accuracy to 0.00-0.19;
 * one repair epoch gives forget 0.00 and retain 0.78-0.89, two give forget 0.00 and retain
 * 0.972-0.976 (original 0.984-0.987). One epoch is the default as the smallest repair that makes
 * the model usable; raise it with {@link #withRepairEpochs} when retain accuracy matters more than
 * cost. With {@code repairEpochs = 0} the method is deterministic (the seed is not used).
 *
 * @param repairEpochs epochs of repair training on {@code D_r} after the subtraction, at least 0
 */
public record Amnesiac(int repairEpochs) implements UnlearningMethod {

    /** Registry id. */
    public static final String ID = "amnesiac";

    /** Validates the hyperparameters. */
    public Amnesiac {
        Checks.atLeast(ID, "repairEpochs", repairEpochs, 0);
    }

    /** @return one repair epoch (see the class comment) */
    public static Amnesiac withDefaults() {
        return new Amnesiac(1);
    }

    /**
     * @param newRepairEpochs repair epochs, 0 for none
     * @return a copy with that many repair epochs
     */
    public Amnesiac withRepairEpochs(int newRepairEpochs) {
        return new Amnesiac(newRepairEpochs);
    }

    @Override
    public String name() {
        return ID;
    }

    /** @return true exactly when there is no repair training (the only use of the seed) */
    @Override
    public boolean deterministic() {
        return repairEpochs == 0;
    }

    /**
     * @throws IllegalArgumentException when the context has no recording, or the recording belongs
     *     to another model or to a forget set of another size
     */
    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        AmnesiacRecording recording = context.amnesiacRecording();
        if (recording == null) {
            throw new IllegalArgumentException("amnesiac needs the updates recorded while the original trained: pass an "
                    + "AmnesiacRecorder as the StepHook of Trainer.train and put recorder.recording(original) into the "
                    + "context with UnlearningContext.withAmnesiacRecording");
        }
        String sha = original.parameters().sha256();
        if (!recording.modelSha256().equals(sha)) {
            throw new IllegalArgumentException("the Amnesiac recording belongs to model " + recording.modelSha256()
                    + ", not to the given original " + sha);
        }
        if (recording.forgetRows().length != context.forget().size()) {
            throw new IllegalArgumentException("the Amnesiac recording covers " + recording.forgetRows().length
                    + " forget rows but the forget set has " + context.forget().size());
        }
        Model model = original.copy();
        Parameters p = model.parameters();
        double[] sum = recording.summedUpdate();
        for (int k = 0; k < p.size(); k++) {
            p.set(k, (float) ((double) p.get(k) - sum[k]));
        }
        if (repairEpochs == 0) {
            return model;
        }
        var config = context.originalTraining().withEpochs(repairEpochs).withSchedule(Schedule.constant());
        long shuffleSeed = context.random().nextLong();
        return new Trainer(context.engine(), config).train(model, context.retain(), shuffleSeed,
                Losses.crossEntropy(context.retain().y()), null).model();
    }
}
