package org.seedscope.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedscope.data.Dataset;
import org.seedscope.data.ForgetSpec;
import org.seedscope.data.Split;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.EngineOptions;
import org.seedscope.metrics.EvaluationSets;
import org.seedscope.metrics.MetricSet;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * A study resolved and checked before any training: the spec's methods looked up (and configured),
 * method/model pairs checked, metrics, forget scenarios split, the spec's identity computed. Every
 * input error surfaces here, each naming the field and what is allowed; nothing is trained or
 * written. Immutable and safe to share between worker threads.
 *
 * @param spec the spec
 * @param data the data it resolved to
 * @param registry where ids were looked up
 * @param methods method name (as in rows) to the configured method, in spec order
 * @param metricSet the metrics computed
 * @param scenarios forget scenario id to its split, in spec order
 * @param specSha256 the spec's identity ({@link SpecFiles#sha256})
 */
record StudySetup(StudySpec spec, Dataset data, MethodRegistry registry, Map<String, ResolvedMethod> methods,
        MetricSet metricSet, Map<String, Scenario> scenarios, String specSha256) {

    /** Registry id of the gold standard, trained for every cell. */
    static final String RETRAIN = "retrain";

    /**
     * A method as the study runs it.
     *
     * @param spec its entry in the spec
     * @param method the configured method
     */
    record ResolvedMethod(MethodSpec spec, UnlearningMethod method) {}

    /**
     * One forget scenario with the content hashes of its training and retain sets (they key the
     * model cache).
     *
     * @param id scenario id
     * @param split the split
     * @param sets evaluation sets
     * @param arch the architecture of its models
     * @param trainHash hash of D
     * @param retainHash hash of D_r
     * @param auditTest rows of the test set whose outputs are stored for the audit (may be empty)
     */
    record Scenario(String id, Split split, EvaluationSets sets, Architecture arch, String trainHash,
            String retainHash, int[] auditTest) {}

    /**
     * @param spec the spec
     * @param data the data set the spec's {@code dataset} field resolved to
     * @param registry where method ids are looked up
     * @return the resolved study
     * @throws IllegalArgumentException for any problem, naming the field
     */
    static StudySetup of(StudySpec spec, Dataset data, MethodRegistry registry) {
        Map<String, ResolvedMethod> methods = new LinkedHashMap<>();
        for (MethodSpec m : spec.methods()) {
            UnlearningMethod method = MethodResolver.resolve(registry, m);
            Optional<String> problem = spec.model().unsupported(method);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("methods: " + m.name() + " cannot run on model " + spec.model().id()
                        + ": " + problem.get() + "; methods this model supports: " + supported(spec.model(), registry));
            }
            methods.put(m.name(), new ResolvedMethod(m, method));
        }
        if (spec.model() instanceof OnnxFamily onnx) {
            onnx.checkSeeds(spec);
        }
        MetricSet metrics = spec.metrics().isEmpty() ? MetricSet.all() : MetricSet.of(spec.metrics());
        if (!registry.ids().contains(RETRAIN)) {
            throw new IllegalArgumentException("the method registry has no '" + RETRAIN + "', which every cell needs");
        }
        new EngineOptions(spec.device(), 1, false);
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (String id : spec.forget()) {
            Split split;
            try {
                split = ForgetSpec.parse(id).split(data);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("forget: scenario '" + id + "': " + e.getMessage(), e);
            }
            EvaluationSets sets = new EvaluationSets(split.retainTrain(), split.forgetTrain(), split.test(),
                    split.retainTest(), split.forgetTest());
            Architecture arch;
            try {
                arch = spec.model().architecture(data.shape(), split.classNames().size());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model " + spec.model().id() + " on " + data.name() + ": "
                        + e.getMessage(), e);
            }
            int[] auditTest = ExampleOutputs.testSample(split.test().size(), spec.auditSample(),
                    SeedPurpose.AUDIT_SAMPLE.derive(spec.baseSeed()));
            scenarios.put(id, new Scenario(id, split, sets, arch, ModelCache.hash(split.train()),
                    ModelCache.hash(split.retainTrain()), auditTest));
        }
        return new StudySetup(spec, data, registry, java.util.Collections.unmodifiableMap(methods), metrics,
                java.util.Collections.unmodifiableMap(scenarios),
                SpecFiles.sha256(spec, data.provenance().sha256()));
    }

    private static List<String> supported(ModelFamily family, MethodRegistry registry) {
        return registry.ids().stream().filter(id -> family.unsupported(registry.get(id)).isEmpty()).toList();
    }

    /**
     * @param name a method name of the spec
     * @return the resolved method
     */
    ResolvedMethod method(String name) {
        return methods.get(name);
    }

    /** @return the configured Retrain */
    UnlearningMethod retrain() {
        return registry.get(RETRAIN);
    }

    /** @return true when some method needs Amnesiac's training-time recording */
    boolean recordsTraining() {
        return methods.values().stream().anyMatch(m -> m.method().base() instanceof org.seedscope.unlearn.Amnesiac);
    }
}
