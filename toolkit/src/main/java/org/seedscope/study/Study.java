package org.seedscope.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.seedscope.Version;
import org.seedscope.data.Dataset;
import org.seedscope.data.ForgetSpec;
import org.seedscope.engine.Network;
import org.seedscope.onnx.OnnxModel;
import org.seedscope.train.TrainingConfig;
import org.seedscope.tribuo.TribuoMethods;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * The fluent entry point for notebooks:
 * <pre>{@code
 * StudyResult study = Study.on(Datasets.fashionMnist())
 *         .model(Mlp.hidden(256))
 *         .forget("sub:Shirt")
 *         .methods("retrain", "finetune", "ssd")
 *         .trainingSeeds(5).unlearningSeeds(3)
 *         .run();
 * }</pre>
 * Immutable: every method returns a new builder, so a partly configured study can be reused in
 * several cells. {@link #trainingSeeds} and {@link #unlearningSeeds} set I and J for every protocol
 * (Algorithm 1 always uses one training seed, Algorithm 2 one unlearning seed). Results go to
 * {@code seedscope-runs/NAME-HASH}, the hash taken over the canonical spec, the data and the
 * toolkit's build id, unless {@link #out(Path)} says otherwise; rerunning the same study resumes
 * or reloads it, and a changed spec or toolkit gets a new folder.
 */
public final class Study {
    private final Dataset data;
    private final StudySpec spec;
    private final MethodRegistry registry;
    private final Path out;
    private final int workers;
    private final int bigI;
    private final int bigJ;

    private Study(Dataset data, StudySpec spec, MethodRegistry registry, Path out, int workers, int bigI, int bigJ) {
        this.data = data;
        this.spec = spec;
        this.registry = registry;
        this.out = out;
        this.workers = workers;
        this.bigI = bigI;
        this.bigJ = bigJ;
    }

    /**
     * @param data the data set
     * @return a study on it with the demo's defaults for everything else
     */
    public static Study on(Dataset data) {
        StudySpec demo = StudySpec.demo();
        return new Study(data, demo.withName(data.name()).withDataset(data.name(), 0, 0), TribuoMethods.registry(),
                null, processors(), 11, 11);
    }

    /**
     * A study that runs a given spec as it stands, e.g. one read with {@link SpecFiles#read}: its data
     * set is resolved from the spec's {@code dataset} field ({@link DatasetIds#resolve(StudySpec)}, so
     * relative {@code csv:} or {@code idx:} paths are read against the working directory) and subset
     * to its {@code trainSize}/{@code testSize}. {@link #trainingSeeds} and {@link #unlearningSeeds}
     * start from the largest I and J among its protocols.
     *
     * @param spec the spec
     * @return a study running it, with every registered method (engine and Tribuo) available
     * @throws IllegalArgumentException when the data set id is unknown
     * @throws java.io.UncheckedIOException when the data cannot be read
     */
    public static Study of(StudySpec spec) {
        int i = spec.protocols().stream().mapToInt(ProtocolRun::trainingSeeds).max().orElse(1);
        int j = spec.protocols().stream().mapToInt(ProtocolRun::unlearningSeeds).max().orElse(1);
        return new Study(DatasetIds.resolve(spec), spec, TribuoMethods.registry(), null,
                processors(), i, j);
    }

    private static int processors() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private Study with(StudySpec s) {
        return new Study(data, s, registry, out, workers, bigI, bigJ);
    }

    /**
     * @param network a built-in network, e.g. {@code Mlp.hidden(256)}, {@code Cnn.DEFAULT} or
     *     {@code Network.parse("resnet-8")}
     * @return a copy using it
     */
    public Study model(Network network) {
        return with(spec.withModel(new NetworkFamily(network)));
    }

    /**
     * @param network a user's ONNX network, e.g. {@code OnnxModel.open(Path.of("net.onnx"))}: the
     *     engine trains originals of its architecture from PyTorch's default initialisation, or, when
     *     it has originals files, unlearns those
     * @return a copy using it
     */
    public Study model(OnnxModel network) {
        return with(spec.withModel(new OnnxFamily(network)));
    }

    /**
     * @param family how originals and Retrain are made, e.g. {@code ModelFamily.parse("tribuo-lr")}
     * @return a copy using it
     */
    public Study model(ModelFamily family) {
        return with(spec.withModel(family));
    }

    /**
     * @param id a model id: {@code mlp-256}, {@code linear}, {@code cnn}, {@code resnet-8} or
     *     {@code tribuo-lr} (Tribuo's logistic regression, for which {@code certified-removal} applies)
     * @return a copy using that model
     */
    public Study model(String id) {
        return with(spec.withModel(ModelFamily.parse(id)));
    }

    /**
     * @param config training of originals and Retrain
     * @return a copy using it
     */
    public Study training(TrainingConfig config) {
        return with(spec.withTraining(config));
    }

    /**
     * @param scenarios forget specs
     * @return a copy forgetting those
     */
    public Study forget(ForgetSpec... scenarios) {
        return with(spec.withForget(Arrays.stream(scenarios).map(ForgetSpec::id).toList()));
    }

    /**
     * @param ids forget spec ids, e.g. {@code full:Shirt}
     * @return a copy forgetting those
     */
    public Study forget(String... ids) {
        return with(spec.withForget(List.of(ids)));
    }

    /**
     * @param ids method ids from the registry
     * @return a copy running those methods with their defaults
     */
    public Study methods(String... ids) {
        return with(spec.withMethods(StudySpec.methods(ids)));
    }

    /**
     * Runs the given methods, registering any that the registry does not know (your own).
     *
     * @param methods method objects
     * @return a copy running them
     */
    public Study methods(UnlearningMethod... methods) {
        MethodRegistry r = registry;
        List<MethodSpec> entries = new ArrayList<>();
        for (UnlearningMethod m : methods) {
            r = r.with(m);
            entries.add(MethodSpec.of(m.name()));
        }
        return new Study(data, spec.withMethods(entries), r, out, workers, bigI, bigJ);
    }

    /**
     * Adds a named variant of a registered method, e.g. {@code variant("ssd", "ssd-a100", Map.of("alpha", 100))}.
     *
     * @param id the registry id
     * @param name the name its rows carry
     * @param settings hyperparameters over the method's defaults, named as its {@code hyperparameters()}
     * @return a copy also running the variant
     */
    public Study variant(String id, String name, Map<String, Object> settings) {
        List<MethodSpec> entries = new ArrayList<>(spec.methods());
        entries.add(new MethodSpec(id, name, settings));
        return with(spec.withMethods(entries));
    }

    /**
     * @param names metric names to keep
     * @return a copy computing those
     */
    public Study metrics(String... names) {
        return with(spec.withMetrics(List.of(names)));
    }

    /**
     * @param i training seeds I
     * @return a copy with I training seeds in every protocol that varies them
     */
    public Study trainingSeeds(int i) {
        return new Study(data, spec.withProtocols(runs(spec.protocols(), i, bigJ)), registry, out, workers, i, bigJ);
    }

    /**
     * @param j unlearning seeds J
     * @return a copy with J unlearning seeds in every protocol that varies them
     */
    public Study unlearningSeeds(int j) {
        return new Study(data, spec.withProtocols(runs(spec.protocols(), bigI, j)), registry, out, workers, bigI, j);
    }

    /**
     * @param protocols protocols to run, with this builder's I and J
     * @return a copy running them
     */
    public Study protocols(Protocol... protocols) {
        return with(spec.withProtocols(Arrays.stream(protocols).map(p -> ProtocolRun.of(p, bigI, bigJ)).toList()));
    }

    /**
     * @param runs protocols with their own seed counts
     * @return a copy running them
     */
    public Study protocols(ProtocolRun... runs) {
        return with(spec.withProtocols(List.of(runs)));
    }

    private static List<ProtocolRun> runs(List<ProtocolRun> current, int i, int j) {
        return current.stream().map(p -> ProtocolRun.of(p.protocol(), i, j)).toList();
    }

    /**
     * @param seed base seed b of the seed mapping
     * @return a copy with it
     */
    public Study baseSeed(long seed) {
        return with(spec.withBaseSeed(seed));
    }

    /**
     * @param folder output folder
     * @return a copy writing there
     */
    public Study out(Path folder) {
        return new Study(data, spec, registry, folder, workers, bigI, bigJ);
    }

    /**
     * @param n cells run at once
     * @return a copy with that many workers
     */
    public Study workers(int n) {
        return new Study(data, spec, registry, out, n, bigI, bigJ);
    }

    /** @return the spec this study runs */
    public StudySpec spec() {
        return spec;
    }

    /** @return the cells it will run */
    public SeedPlan plan() {
        return SeedPlan.of(spec);
    }

    /**
     * Validates everything, then runs or resumes the study, printing progress to standard output.
     *
     * @return the result
     */
    public StudyResult run() {
        return StudyRunner.of(spec, data, registry).withWorkers(workers)
                .withProgress(Progress.bar(System.out, false)).run(folder());
    }

    /** @return where results go */
    public Path folder() {
        if (out != null) {
            return out;
        }
        String id = SpecFiles.sha256(spec, data.provenance().sha256() + "|build=" + Version.buildId());
        return Path.of("seedscope-runs", spec.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + id.substring(0, 10));
    }

    @Override
    public String toString() {
        return "Study[" + spec + ", " + SeedPlan.count(spec) + " cells]";
    }
}
