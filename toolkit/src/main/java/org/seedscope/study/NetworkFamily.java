package org.seedscope.study;

import java.util.Objects;
import java.util.Optional;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Network;
import org.seedscope.engine.Model;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.train.Losses;
import org.seedscope.train.StepHook;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;
import org.seedscope.tribuo.TribuoMethods;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * Networks the engine trains: originals by {@link Trainer} from the
 * {@link SeedPurpose#ORIGINAL_INIT} / {@link SeedPurpose#ORIGINAL_ORDER} streams of the training
 * seed, Retrain by the study's {@code retrain} method. Every method applies, except those that need
 * a linear model when the network has hidden layers.
 *
 * @param network the network
 */
public record NetworkFamily(Network network) implements ModelFamily {

    /** Checks the network. */
    public NetworkFamily {
        Objects.requireNonNull(network, "network");
    }

    @Override
    public String id() {
        return network.id();
    }

    @Override
    public Architecture architecture(int[] inputShape, int classes) {
        return network.architecture(inputShape, classes);
    }

    @Override
    public Model original(Engine engine, TrainingConfig training, Architecture arch, Examples train, long trainSeed,
            StepHook recorder) {
        return trainOriginal(engine, training, arch, train, trainSeed, recorder);
    }

    /** An original as every engine-trained family makes it: PyTorch's initialisation, then cross-entropy training. */
    static Model trainOriginal(Engine engine, TrainingConfig training, Architecture arch, Examples train,
            long trainSeed, StepHook recorder) {
        Model init = Model.initialise(arch, SeedPurpose.ORIGINAL_INIT.derive(trainSeed));
        return new Trainer(engine, training).train(init, train, SeedPurpose.ORIGINAL_ORDER.derive(trainSeed),
                Losses.crossEntropy(train.y()), recorder).model();
    }

    @Override
    public Model retrain(Model original, UnlearningContext context, UnlearningMethod retrain) {
        return retrain.unlearn(original, context);
    }

    @Override
    public boolean recordsTraining() {
        return true;
    }

    @Override
    public Optional<String> unsupported(UnlearningMethod method) {
        if (TribuoMethods.needsLinearModel(method) && !(network instanceof org.seedscope.engine.Mlp m
                && m.hidden().isEmpty())) {
            return Optional.of(method.name() + " needs a linear model (no hidden layers), but the model is " + id()
                    + "; use model: linear or tribuo-lr");
        }
        return Optional.empty();
    }
}
