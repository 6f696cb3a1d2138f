package org.seedscope.study;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.train.StepHook;
import org.seedscope.train.TrainingConfig;
import org.seedscope.tribuo.LogisticRegression;
import org.seedscope.unlearn.Amnesiac;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * Tribuo's logistic regression ({@link LogisticRegression#withDefaults()}): originals fitted on D
 * with the {@link SeedPurpose#ORIGINAL_ORDER} stream of the training seed, Retrain on D_r with the
 * {@link SeedPurpose#RETRAIN_ORDER} stream of the unlearning seed, each with a fresh trainer
 * (Tribuo's results also depend on how often a trainer has trained). The model enters the engine
 * as a linear network, so every method and metric applies, except Amnesiac, which subtracts
 * updates recorded while the engine trains the original. The spec's training settings are not
 * used. Class names come from the sets' label count ({@code "0"}, {@code "1"}, ...): Tribuo needs
 * names, and only their order matters here.
 */
public record TribuoLogisticFamily() implements ModelFamily {

    @Override
    public String id() {
        return LogisticRegression.ID;
    }

    @Override
    public Architecture architecture(int[] inputShape, int classes) {
        int features = 1;
        for (int d : inputShape) {
            features *= d;
        }
        return new Architecture(features, List.of(), classes);
    }

    @Override
    public Model original(Engine engine, TrainingConfig training, Architecture arch, Examples train, long trainSeed,
            StepHook recorder) {
        if (recorder != null) {
            throw new IllegalArgumentException("the " + id() + " family is trained by Tribuo: it cannot record steps");
        }
        return fit(train, SeedPurpose.ORIGINAL_ORDER.derive(trainSeed));
    }

    @Override
    public Model retrain(Model original, UnlearningContext context, UnlearningMethod retrain) {
        return fit(context.retain(), SeedPurpose.RETRAIN_ORDER.derive(context.seed()));
    }

    private static Model fit(Examples data, long seed) {
        List<String> names = java.util.stream.IntStream.range(0, data.classes()).mapToObj(Integer::toString).toList();
        return LogisticRegression.withDefaults().fit(data, names, seed).linear().toModel(Map.of("family",
                LogisticRegression.ID));
    }

    @Override
    public boolean recordsTraining() {
        return false;
    }

    @Override
    public Optional<String> unsupported(UnlearningMethod method) {
        if (method.base() instanceof Amnesiac) {
            return Optional.of(method.name() + " subtracts updates recorded while the engine trains the original; the "
                    + id() + " family is trained by Tribuo: use an engine model (e.g. model: linear) for " + method.name());
        }
        return Optional.empty();
    }
}
