package org.seedscope.study;

import java.util.List;
import java.util.Objects;
import org.seedscope.engine.Mlp;
import org.seedscope.train.TrainingConfig;

/**
 * Everything that determines a study's results. Immutable: every {@code with...} method returns a
 * modified copy, so a spec is safe to reuse. Read from YAML or JSON by {@link SpecFiles}; built
 * fluently in notebooks through {@link Study}.
 *
 * @param name a label for reports
 * @param dataset data set id: {@code fashion-mnist} (the shipped subset), {@code fashion-mnist-full},
 *     {@code digits}, or {@code csv:PATH} (with {@code labelColumn})
 * @param labelColumn label column for CSV data sets
 * @param trainSize if positive, a class-balanced subset of this many training examples
 * @param testSize if positive, a class-balanced subset of this many test examples
 * @param model the MLP
 * @param training how originals and Retrain are trained
 * @param forget forget scenario ids, e.g. {@code full:Shirt}, {@code sub:Shirt}, {@code random:0.1@seed7}
 * @param methods method ids from the registry
 * @param metrics metric names to keep (empty: all)
 * @param trainingSeeds I, at least 1
 * @param unlearningSeeds J, at least 1
 * @param protocols the protocols to run
 * @param baseSeed offset b of the seed mapping
 * @param device engine device, {@code cpu} or {@code cuda[:N]}
 * @param family how originals and Retrain are trained: {@value #MLP} (the engine's seeded trainer,
 *     with {@code training}) or {@value #TRIBUO_LR} (Tribuo's logistic regression with its default
 *     settings, seeded by the training / unlearning seed; the model is then linear and every
 *     unlearning method and metric works on it as on an MLP without hidden layers)
 */
public record StudySpec(String name, String dataset, String labelColumn, int trainSize, int testSize, Mlp model,
        TrainingConfig training, List<String> forget, List<String> methods, List<String> metrics,
        int trainingSeeds, int unlearningSeeds, List<Protocol> protocols, long baseSeed, String device,
        String family) {

    /** The engine-trained MLP family. */
    public static final String MLP = "mlp";
    /** The Tribuo logistic-regression family. */
    public static final String TRIBUO_LR = "tribuo-lr";

    /** Validates counts and copies the lists. */
    public StudySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        forget = List.copyOf(forget);
        methods = List.copyOf(methods);
        metrics = List.copyOf(metrics);
        protocols = List.copyOf(protocols);
        if (trainingSeeds < 1) {
            throw new IllegalArgumentException("trainingSeeds (I) must be at least 1, got " + trainingSeeds);
        }
        if (unlearningSeeds < 1) {
            throw new IllegalArgumentException("unlearningSeeds (J) must be at least 1, got " + unlearningSeeds);
        }
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("trainSize and testSize must be 0 (all) or positive, got "
                    + trainSize + ", " + testSize);
        }
        if (forget.isEmpty()) {
            throw new IllegalArgumentException("forget must name at least one scenario, e.g. full:Shirt");
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("methods must name at least one method, e.g. retrain");
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols must name at least one of one-training-seed, "
                    + "many-training-seeds, grid");
        }
        if (!MLP.equals(family) && !TRIBUO_LR.equals(family)) {
            throw new IllegalArgumentException("model family '" + family + "' is not known: use " + MLP + " or "
                    + TRIBUO_LR);
        }
        if (TRIBUO_LR.equals(family) && !model.hidden().isEmpty()) {
            throw new IllegalArgumentException("the " + TRIBUO_LR + " family is linear: it cannot have hidden layers "
                    + model.hidden());
        }
        if (methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("methods lists a method twice: " + methods);
        }
    }

    /**
     * The default study of {@code ./seedscope demo}: the shipped Fashion-MNIST subset, MLP 784-256-10,
     * full-class and sub-class forgetting of "Shirt", seven methods, Algorithms 1 and 2 with 11 seeds.
     *
     * @return the demo spec
     */
    public static StudySpec demo() {
        return new StudySpec("demo", "fashion-mnist", "label", 0, 0, Mlp.hidden(256), TrainingConfig.defaults(),
                List.of("full:Shirt", "sub:Shirt"),
                List.of("retrain", "finetune", "random-labels", "bad-teacher", "unsir", "ssd", "lfssd"), List.of(),
                11, 11, List.of(Protocol.ONE_TRAINING_SEED, Protocol.MANY_TRAINING_SEEDS), 0, "cpu", MLP);
    }

    /** @return forget scenario ids (alias of {@link #forget()}) */
    public List<String> forgetIds() {
        return forget;
    }

    /**
     * @param newName study name
     * @return a copy with that name
     */
    public StudySpec withName(String newName) {
        return new StudySpec(newName, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, trainingSeeds, unlearningSeeds, protocols, baseSeed, device, family);
    }

    /**
     * @param newDataset data set id
     * @param newTrainSize training subset size (0: all)
     * @param newTestSize test subset size (0: all)
     * @return a copy using that data
     */
    public StudySpec withDataset(String newDataset, int newTrainSize, int newTestSize) {
        return new StudySpec(name, newDataset, labelColumn, newTrainSize, newTestSize, model, training, forget,
                methods, metrics, trainingSeeds, unlearningSeeds, protocols, baseSeed, device, family);
    }

    /**
     * @param newModel the MLP
     * @return a copy with that model
     */
    public StudySpec withModel(Mlp newModel) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, newModel, training, forget, methods,
                metrics, trainingSeeds, unlearningSeeds, protocols, baseSeed, device, family);
    }

    /**
     * @param newTraining training config of originals and Retrain
     * @return a copy with that config
     */
    public StudySpec withTraining(TrainingConfig newTraining) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, newTraining, forget, methods,
                metrics, trainingSeeds, unlearningSeeds, protocols, baseSeed, device, family);
    }

    /**
     * @param newForget forget scenario ids
     * @return a copy with those scenarios
     */
    public StudySpec withForget(List<String> newForget) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, newForget, methods,
                metrics, trainingSeeds, unlearningSeeds, protocols, baseSeed, device, family);
    }

    /**
     * @param newMethods method ids
     * @return a copy with those methods
     */
    public StudySpec withMethods(List<String> newMethods) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, newMethods,
                metrics, trainingSeeds, unlearningSeeds, protocols, baseSeed, device, family);
    }

    /**
     * @param newMetrics metric names (empty: all)
     * @return a copy keeping those metrics
     */
    public StudySpec withMetrics(List<String> newMetrics) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                newMetrics, trainingSeeds, unlearningSeeds, protocols, baseSeed, device, family);
    }

    /**
     * @param newI training seeds I
     * @param newJ unlearning seeds J
     * @return a copy with those seed counts
     */
    public StudySpec withSeeds(int newI, int newJ) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, newI, newJ, protocols, baseSeed, device, family);
    }

    /**
     * @param newProtocols protocols
     * @return a copy running those protocols
     */
    public StudySpec withProtocols(List<Protocol> newProtocols) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, trainingSeeds, unlearningSeeds, newProtocols, baseSeed, device, family);
    }

    /**
     * @param newBaseSeed offset of the seed mapping
     * @return a copy with that base seed
     */
    public StudySpec withBaseSeed(long newBaseSeed) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, trainingSeeds, unlearningSeeds, protocols, newBaseSeed, device, family);
    }

    /**
     * @param newFamily {@value #MLP} or {@value #TRIBUO_LR} (which also makes the model linear)
     * @return a copy training originals and Retrain that way
     */
    public StudySpec withFamily(String newFamily) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize,
                TRIBUO_LR.equals(newFamily) ? new Mlp(List.of()) : model, training, forget, methods, metrics,
                trainingSeeds, unlearningSeeds, protocols, baseSeed, device, newFamily);
    }

    /** @return the model id of spec files: {@code tribuo-lr} or the MLP's id */
    public String modelId() {
        return TRIBUO_LR.equals(family) ? TRIBUO_LR : model.id();
    }

    /**
     * @param newDevice engine device
     * @return a copy with that device
     */
    public StudySpec withDevice(String newDevice) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, trainingSeeds, unlearningSeeds, protocols, baseSeed, newDevice, family);
    }

    @Override
    public String toString() {
        return name + ": " + dataset + (trainSize > 0 ? " (" + trainSize + "/" + testSize + ")" : "") + ", " + modelId()
                + ", forget " + forget + ", methods " + methods + ", I=" + trainingSeeds + " J=" + unlearningSeeds
                + ", " + protocols + ", base seed " + baseSeed;
    }
}
