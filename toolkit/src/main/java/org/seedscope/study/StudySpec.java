package org.seedscope.study;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.seedscope.engine.Mlp;
import org.seedscope.train.TrainingConfig;

/**
 * Everything that determines a study's results. Immutable: every {@code with...} method returns a
 * modified copy, so a spec is safe to reuse. Read from and written to YAML or JSON by
 * {@link SpecFiles}, whose canonical JSON form is the spec's identity (folders, cache keys and
 * row keys derive from it and from the toolkit's build id); built fluently in notebooks through
 * {@link Study}.
 *
 * @param name a label for reports
 * @param dataset data set id: {@code fashion-mnist} (the shipped subset), {@code fashion-mnist-full},
 *     {@code digits}, {@code csv:PATH} (with {@code labelColumn}) or {@code idx:PATH}
 * @param labelColumn label column for CSV data sets
 * @param trainSize if positive, a class-balanced subset of this many training examples
 * @param testSize if positive, a class-balanced subset of this many test examples
 * @param model how originals and Retrain are made ({@link ModelFamily}: an engine network or Tribuo's
 *     logistic regression)
 * @param training how originals and Retrain are trained (engine networks)
 * @param forget forget scenario ids, e.g. {@code full:Shirt}, {@code sub:Shirt}, {@code random:0.1@seed7}
 * @param methods the methods, each a registry id with an optional name and hyperparameters
 * @param metrics metric names to keep (empty: all)
 * @param protocols the protocols with their seed counts
 * @param baseSeed offset b of the seed mapping
 * @param device engine device, {@code cpu} or {@code cuda[:N]}
 * @param auditSample test examples (a fixed, seeded sample) whose per-example outputs are stored
 *     beside the rows for the privacy audit, besides every forget example; 0 stores no outputs
 */
public record StudySpec(String name, String dataset, String labelColumn, int trainSize, int testSize,
        ModelFamily model, TrainingConfig training, List<String> forget, List<MethodSpec> methods,
        List<String> metrics, List<ProtocolRun> protocols, long baseSeed, String device, int auditSample) {

    /** Validates counts and names and copies the lists. */
    public StudySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(device, "device");
        forget = List.copyOf(forget);
        methods = List.copyOf(methods);
        metrics = List.copyOf(metrics);
        protocols = List.copyOf(protocols);
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("trainSize and testSize must be 0 (all) or positive, got "
                    + trainSize + ", " + testSize);
        }
        if (forget.isEmpty()) {
            throw new IllegalArgumentException("forget must name at least one scenario, e.g. full:Shirt");
        }
        if (new HashSet<>(forget).size() != forget.size()) {
            throw new IllegalArgumentException("forget lists a scenario twice: " + forget);
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("methods must name at least one method, e.g. retrain");
        }
        Set<String> names = new HashSet<>();
        for (MethodSpec m : methods) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("methods lists the name '" + m.name() + "' twice: give variants "
                        + "their own names, e.g. {id: ssd, name: ssd-a100, alpha: 100}");
            }
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols must name at least one of one-training-seed, "
                    + "many-training-seeds, grid");
        }
        if (protocols.stream().map(ProtocolRun::protocol).distinct().count() != protocols.size()) {
            throw new IllegalArgumentException("protocols lists a protocol twice: " + protocols);
        }
        if (auditSample < 0) {
            throw new IllegalArgumentException("auditSample must be 0 (store no outputs) or positive, got "
                    + auditSample);
        }
    }

    /**
     * The default study of {@code ./seedscope demo}: the shipped Fashion-MNIST subset, MLP 784-256-10,
     * full-class and sub-class forgetting of "Shirt", seven methods, and a design in which both of the
     * paper's protocols are slices of one grid, so every quantity the demo reports is estimated:
     * {@code one-training-seed 1x11} (Algorithm 1: training seed 1 with 11 unlearning seeds) and
     * {@code grid 11x2} (11 training seeds x 2 unlearning seeds, which estimates σ²_train and
     * σ²_unlearn of every method; its first unlearning seed of each training seed, j = 1, is the
     * Algorithm-2 sample). J = 2 rather than 3 keeps the demo within 3 minutes on a 2-core machine.
     * Under the authors' seed mapping the grid's cells of training seed 1 are Algorithm 1's first two
     * cells, so Algorithm 1 extends the grid's first training seed to 11 runs. Spec files and
     * {@link Study} take their unspecified fields from this spec.
     *
     * @return the demo spec
     */
    public static StudySpec demo() {
        return new StudySpec("demo", "fashion-mnist", "label", 0, 0, new NetworkFamily(Mlp.hidden(256)),
                TrainingConfig.defaults(), List.of("full:Shirt", "sub:Shirt"),
                methods("retrain", "finetune", "random-labels", "bad-teacher", "unsir", "ssd", "lfssd"), List.of(),
                List.of(new ProtocolRun(Protocol.ONE_TRAINING_SEED, 1, 11), new ProtocolRun(Protocol.GRID, 11, 2)),
                0, "cpu", 1000);
    }

    /**
     * @param ids registry ids
     * @return plain method entries for them
     */
    public static List<MethodSpec> methods(String... ids) {
        return java.util.Arrays.stream(ids).map(MethodSpec::of).toList();
    }

    /** @return the methods' names, as in result rows */
    public List<String> methodNames() {
        return methods.stream().map(MethodSpec::name).toList();
    }

    /**
     * @param newName study name
     * @return a copy with that name
     */
    public StudySpec withName(String newName) {
        return new StudySpec(newName, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, protocols, baseSeed, device, auditSample);
    }

    /**
     * @param newDataset data set id
     * @param newTrainSize training subset size (0: all)
     * @param newTestSize test subset size (0: all)
     * @return a copy using that data
     */
    public StudySpec withDataset(String newDataset, int newTrainSize, int newTestSize) {
        return new StudySpec(name, newDataset, labelColumn, newTrainSize, newTestSize, model, training, forget,
                methods, metrics, protocols, baseSeed, device, auditSample);
    }

    /**
     * @param newLabelColumn label column of CSV data
     * @return a copy reading labels from it
     */
    public StudySpec withLabelColumn(String newLabelColumn) {
        return new StudySpec(name, dataset, newLabelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, protocols, baseSeed, device, auditSample);
    }

    /**
     * @param newModel the model family
     * @return a copy with that model
     */
    public StudySpec withModel(ModelFamily newModel) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, newModel, training, forget, methods,
                metrics, protocols, baseSeed, device, auditSample);
    }

    /**
     * @param newTraining training config of originals and Retrain
     * @return a copy with that config
     */
    public StudySpec withTraining(TrainingConfig newTraining) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, newTraining, forget, methods,
                metrics, protocols, baseSeed, device, auditSample);
    }

    /**
     * @param newForget forget scenario ids
     * @return a copy with those scenarios
     */
    public StudySpec withForget(List<String> newForget) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, newForget, methods,
                metrics, protocols, baseSeed, device, auditSample);
    }

    /**
     * @param newMethods method entries
     * @return a copy with those methods
     */
    public StudySpec withMethods(List<MethodSpec> newMethods) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, newMethods,
                metrics, protocols, baseSeed, device, auditSample);
    }

    /**
     * @param newMetrics metric names (empty: all)
     * @return a copy keeping those metrics
     */
    public StudySpec withMetrics(List<String> newMetrics) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                newMetrics, protocols, baseSeed, device, auditSample);
    }

    /**
     * @param newProtocols protocols with their seed counts
     * @return a copy running those protocols
     */
    public StudySpec withProtocols(List<ProtocolRun> newProtocols) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, newProtocols, baseSeed, device, auditSample);
    }

    /**
     * @param i training seeds I for every protocol that varies them
     * @param j unlearning seeds J for every protocol that varies them
     * @return a copy with those counts (Algorithm 1 keeps one training seed, Algorithm 2 one
     *     unlearning seed)
     */
    public StudySpec withSeeds(int i, int j) {
        return withProtocols(protocols.stream().map(p -> ProtocolRun.of(p.protocol(), i, j)).toList());
    }

    /**
     * @param newBaseSeed offset of the seed mapping
     * @return a copy with that base seed
     */
    public StudySpec withBaseSeed(long newBaseSeed) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, protocols, newBaseSeed, device, auditSample);
    }

    /**
     * @param newDevice engine device
     * @return a copy with that device
     */
    public StudySpec withDevice(String newDevice) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, protocols, baseSeed, newDevice, auditSample);
    }

    /**
     * @param newAuditSample test examples whose outputs are stored (0: none)
     * @return a copy storing that many
     */
    public StudySpec withAuditSample(int newAuditSample) {
        return new StudySpec(name, dataset, labelColumn, trainSize, testSize, model, training, forget, methods,
                metrics, protocols, baseSeed, device, newAuditSample);
    }

    @Override
    public String toString() {
        String sizes = trainSize == 0 && testSize == 0 ? ""
                : " (" + (trainSize == 0 ? "all" : trainSize) + "/" + (testSize == 0 ? "all" : testSize) + ")";
        return name + ": " + dataset + sizes + ", " + model.id()
                + ", forget " + forget + ", methods " + methods + ", " + protocols + ", base seed " + baseSeed;
    }
}
