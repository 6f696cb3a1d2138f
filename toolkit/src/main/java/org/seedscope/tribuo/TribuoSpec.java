package org.seedscope.tribuo;

import java.util.List;
import java.util.Map;
import org.seedscope.data.Examples;
import org.seedscope.unlearn.Hyperparameters;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * A Tribuo model of the family with its hyperparameters: {@link LogisticRegression} or
 * {@link FactorizationMachine}. Specs are immutable values; {@link #fit} builds a fresh Tribuo
 * trainer for every run, because a Tribuo SGD trainer's result depends on its seed <em>and</em> on
 * how many times it has trained before (its invocation count), so reusing one trainer would make
 * the second fit differ from the first with the same seed.
 */
public sealed interface TribuoSpec permits LogisticRegression, FactorizationMachine {

    /** @return the family member's id: {@code tribuo-lr} or {@code tribuo-fm} */
    String name();

    /**
     * @return the hyperparameters by name: the record components, in declaration order
     *     ({@link Hyperparameters#of})
     */
    default Map<String, Object> hyperparameters() {
        return Hyperparameters.of((Record) this);
    }

    /**
     * @param seed the training seed (Tribuo's trainer seed: initialisation and example order)
     * @return a new trainer that has never trained, so its first fit depends only on the seed
     */
    Trainer<Label> trainer(long seed);

    /**
     * Trains on examples with the default class names {@code "0", "1", ...}.
     *
     * @param data the training examples, not empty
     * @param seed the training seed
     * @return the trained classifier
     */
    default TribuoClassifier fit(Examples data, long seed) {
        return fit(data, TribuoData.defaultClassNames(data.classes()), seed);
    }

    /**
     * Trains a fresh {@link #trainer(long)} on {@link TribuoData#toDataset(Examples, List)}.
     *
     * @param data the training examples, not empty
     * @param classNames one distinct name per class (Tribuo's labels)
     * @param seed the training seed
     * @return the trained classifier
     */
    default TribuoClassifier fit(Examples data, List<String> classNames, long seed) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException(name() + " cannot train on an empty set of examples");
        }
        return new TribuoClassifier(trainer(seed).train(TribuoData.toDataset(data, classNames)), data.features(),
                classNames);
    }
}
