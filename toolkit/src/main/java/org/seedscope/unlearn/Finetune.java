package org.seedscope.unlearn;

import org.seedscope.engine.Model;
import org.seedscope.train.Losses;

/**
 * Finetune: continue training the original on the retain set {@code D_r} with cross-entropy for a
 * few epochs, relying on catastrophic forgetting of {@code D_f}. Constant-rate SGD
 * ({@link DescentSettings}). The batch order comes from the first draw of the method stream
 * {@link UnlearningContext#random()}, so the result depends on the unlearning seed.
 *
 * <p>Defaults: 5 epochs and learning rate 0.02 as in the paper (from the SSD code of Foster et al.
 * 2024), momentum 0.9, no weight decay; batch size 128, the toolkit's training default. On the
 * Fashion-MNIST setting of the {@linkplain org.seedscope.unlearn package notes} (original: retain
 * 0.869, forget 0.798) they give forget accuracy 0.00 at retain 0.877: a small MLP forgets a whole
 * class by fine-tuning alone.
 *
 * @param settings epochs over {@code D_r}, learning rate, momentum, weight decay, batch size
 */
public record Finetune(DescentSettings settings) implements DescentMethod<Finetune> {

    /** Registry id. */
    public static final String ID = "finetune";

    /** Validates the settings. */
    public Finetune {
        settings.validate(ID);
    }

    /** @return 5 epochs, learning rate 0.02, momentum 0.9, no weight decay, batch 128 */
    public static Finetune withDefaults() {
        return new Finetune(DescentSettings.of(5, 0.02, 128));
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public Finetune withSettings(DescentSettings newSettings) {
        return new Finetune(newSettings);
    }

    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        return settings.descend(original, context.retain(), Losses.crossEntropy(context.retain().y()), null, context);
    }
}
