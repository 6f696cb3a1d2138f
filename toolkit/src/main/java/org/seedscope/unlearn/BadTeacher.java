package org.seedscope.unlearn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.seedscope.data.Examples;
import org.seedscope.engine.Model;
import org.seedscope.train.Losses;
import org.seedscope.train.Trainer;

/**
 * Bad Teacher (Chundawat et al. 2023, "Can bad teaching induce forgetting?"): the student, a copy
 * of the original, distils at temperature 1 ({@link Losses#softTargets}, i.e. {@code KL(t || p)})
 * from the competent teacher (the original) on a random sample of {@code D_r} and from an
 * incompetent teacher (a freshly initialised model of the same architecture) on {@code D_f}. Both
 * teachers' softmax outputs are computed once before training. Rows of the sample and of
 * {@code D_f} are shuffled together and stepped over with constant-rate Adam ({@link DescentSettings}:
 * its {@code momentum} is Adam's {@code beta1}).
 *
 * <p>Randomness from the method stream {@link UnlearningContext#random()}, in this order: batch-order seed, retain-sample
 * seed (a partial Fisher-Yates draw of {@code ceil(retainFraction * |D_r|)} distinct rows), and the
 * incompetent teacher's initialisation seed ({@link Model#initialise}).
 *
 * <p>Defaults: retain fraction 0.3, 1 epoch and Adam with rate 1e-4, as in the paper and its code;
 * batch 128. Measured on the Fashion-MNIST setting of the {@linkplain org.seedscope.unlearn package
 * notes} (original: retain 0.869, forget 0.798): forget accuracy 0.41 at retain 0.848 (the
 * incompetent teacher's near-uniform outputs make the forget predictions uncertain rather than
 * wrong, so forget accuracy stays above 0). Small low-dimensional inputs need a larger rate (the
 * tests use 0.003).
 *
 * @param retainFraction fraction of {@code D_r} distilled from the competent teacher, in (0, 1]
 * @param settings epochs over the sample plus {@code D_f}, Adam learning rate, Adam's beta1 (as
 *     {@code momentum}), weight decay, batch size
 */
public record BadTeacher(double retainFraction, DescentSettings settings) implements DescentMethod<BadTeacher> {

    /** Registry id. */
    public static final String ID = "bad-teacher";

    /** Validates the hyperparameters. */
    public BadTeacher {
        Checks.fraction(ID, "retainFraction", retainFraction, false);
        settings.validate(ID);
    }

    /** @return retain fraction 0.3, 1 epoch, Adam rate 1e-4 with beta1 0.9, no weight decay, batch 128 */
    public static BadTeacher withDefaults() {
        return new BadTeacher(0.3, DescentSettings.of(1, 1e-4, 128));
    }

    /**
     * @param newRetainFraction fraction of {@code D_r} used, in (0, 1]
     * @return a copy with that fraction
     */
    public BadTeacher withRetainFraction(double newRetainFraction) {
        return new BadTeacher(newRetainFraction, settings);
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public BadTeacher withSettings(DescentSettings newSettings) {
        return new BadTeacher(retainFraction, newSettings);
    }

    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        SplittableRandom random = context.random();
        long shuffle = random.nextLong();
        Examples retain = context.retain();
        int count = (int) Math.ceil(retainFraction * retain.size());
        Examples sample = retain.select(Support.sampleRows(retain.size(), count,
                new SplittableRandom(random.nextLong())));
        Model incompetent = Model.initialise(original.architecture(), random.nextLong());
        Examples data = sample.concat(context.forget());
        float[] competentTargets = Support.probabilities(context.engine(), original, sample);
        float[] incompetentTargets = Support.probabilities(context.engine(), incompetent, context.forget());
        float[] targets = Arrays.copyOf(competentTargets, competentTargets.length + incompetentTargets.length);
        System.arraycopy(incompetentTargets, 0, targets, competentTargets.length, incompetentTargets.length);
        return new Trainer(context.engine(), settings.adam())
                .train(original, data, shuffle, Losses.softTargets(targets, Support.filled(data.size(), 1f)), null)
                .model();
    }
}
