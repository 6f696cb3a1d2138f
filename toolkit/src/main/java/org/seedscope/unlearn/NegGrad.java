package org.seedscope.unlearn;

import org.seedscope.engine.Model;
import org.seedscope.train.Losses;

/**
 * NegGrad: gradient ascent on the forget set, i.e. SGD on {@code -CE(D_f)} (cross-entropy with row
 * weight -1, {@link Losses#weightedCrossEntropy}), for a few epochs over {@code D_f} with a small
 * rate. Ascent is unbounded, so too many steps or too large a rate destroy the model; a NaN or
 * infinite loss stops the run with {@link org.seedscope.train.TrainingDiverged}. Constant-rate SGD
 * ({@link DescentSettings}); batch order from the first draw of the method stream
 * {@link UnlearningContext#random()}.
 *
 * <p>Defaults measured here, since no paper setting carries over to MLPs: 1 epoch, learning rate
 * 0.001, momentum 0.9, batch 128. On the Fashion-MNIST setting of the {@linkplain
 * org.seedscope.unlearn package notes} (original: retain 0.869, forget 0.798) they give forget
 * accuracy 0.36 at retain 0.868; rate 0.003 or a second epoch at 0.01 already collapses the model to
 * chance (retain 0.11): ascent is steep, so tune the rate before the epochs.
 *
 * @param settings epochs over {@code D_f}, learning rate, momentum, weight decay, batch size
 */
public record NegGrad(DescentSettings settings) implements DescentMethod<NegGrad> {

    /** Registry id. */
    public static final String ID = "neggrad";

    /** Validates the settings. */
    public NegGrad {
        settings.validate(ID);
    }

    /** @return 1 epoch, learning rate 0.001, momentum 0.9, no weight decay, batch 128 */
    public static NegGrad withDefaults() {
        return new NegGrad(DescentSettings.of(1, 0.001, 128));
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public NegGrad withSettings(DescentSettings newSettings) {
        return new NegGrad(newSettings);
    }

    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        var forget = context.forget();
        return settings.descend(original, forget,
                Losses.weightedCrossEntropy(forget.y(), Support.filled(forget.size(), -1f)), null, context);
    }
}
