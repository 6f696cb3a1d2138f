package org.seedscope.study;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.onnx.OnnxModel;
import org.seedscope.train.StepHook;
import org.seedscope.train.TrainingConfig;
import org.seedscope.tribuo.TribuoMethods;
import org.seedscope.unlearn.Amnesiac;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;
import org.seedscope.files.Sha256;

/**
 * A user's ONNX network ({@link OnnxModel}; spec form {@code model: {onnx: net.onnx, frozen: [...],
 * originals: [...]}}). Without originals, the engine trains each training seed's original from
 * PyTorch's default initialisation (the {@code ORIGINAL_INIT} / {@code ORIGINAL_ORDER} streams, as
 * for built-in networks), so Algorithm 2 runs on the user's architecture; with originals, training
 * seed {@code s} is the {@code s}-th file (1-based), and the study needs no more training seeds
 * than files ({@link #checkSeeds}). Retrain always trains from scratch on D_r with the spec's
 * training settings. Every method applies except those that need a linear model, and Amnesiac
 * when the originals were trained elsewhere (it subtracts updates recorded during training).
 *
 * @param model the network
 */
public record OnnxFamily(OnnxModel model) implements ModelFamily {

    /** Checks the network. */
    public OnnxFamily {
        Objects.requireNonNull(model, "model");
    }

    /**
     * @param file an ONNX file
     * @param frozen initializer names to keep constant
     * @param originals originals trained elsewhere, one per training seed (may be empty)
     * @return the family
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static OnnxFamily open(Path file, List<String> frozen, List<Path> originals) {
        return new OnnxFamily(OnnxModel.open(file, frozen, originals));
    }

    /**
     * @return {@code onnx:NAME@HASH}: the file's name and the first 12 hex digits of the SHA-256 of
     *     its content hash, the frozen names and the originals' content hashes, so any change to them
     *     is another model (and another cache key)
     */
    @Override
    public String id() {
        StringBuilder key = new StringBuilder(model.file().sha256()).append("|frozen=").append(model.frozen());
        model.originalFiles().forEach(o -> key.append("|original=").append(o.sha256()));
        String hash = Sha256.hex(key.toString().getBytes(StandardCharsets.UTF_8));
        return "onnx:" + model.file().name() + "@" + hash.substring(0, 12);
    }

    @Override
    public Architecture architecture(int[] inputShape, int classes) {
        Architecture arch = model.architecture();
        List<Integer> shape = Arrays.stream(inputShape).boxed().toList();
        if (!shape.equals(arch.inputShape()) || classes != arch.outputs()) {
            throw new IllegalArgumentException("ONNX file " + model.file().name() + " takes examples of shape "
                    + arch.inputShape() + " and scores " + arch.outputs() + " classes, the data has shape " + shape
                    + " and " + classes + " classes");
        }
        return arch;
    }

    @Override
    public Model original(Engine engine, TrainingConfig training, Architecture arch, Examples train, long trainSeed,
            StepHook recorder) {
        if (model.originalFiles().isEmpty()) {
            return NetworkFamily.trainOriginal(engine, training, arch, train, trainSeed, recorder);
        }
        if (recorder != null) {
            throw new IllegalArgumentException("the originals of " + model.file().name() + " were trained elsewhere: "
                    + "their training steps cannot be recorded");
        }
        return model.original(trainSeed);
    }

    @Override
    public Model retrain(Model original, UnlearningContext context, UnlearningMethod retrain) {
        return retrain.unlearn(original, context);
    }

    @Override
    public boolean recordsTraining() {
        return model.originalFiles().isEmpty();
    }

    @Override
    public Optional<String> unsupported(UnlearningMethod method) {
        if (TribuoMethods.needsLinearModel(method)) {
            return Optional.of(method.name() + " needs a linear model, but " + model.file().name() + " is an imported "
                    + "network; use model: linear or tribuo-lr");
        }
        if (method.base() instanceof Amnesiac && !model.originalFiles().isEmpty()) {
            return Optional.of(method.name() + " subtracts updates recorded while the engine trains the original, but "
                    + "the originals of " + model.file().name() + " were trained elsewhere");
        }
        return Optional.empty();
    }

    /**
     * @param trainSeed a training seed
     * @return for originals from files, what the rows' {@code original} column says: the file and
     *     its SHA-256; empty when the engine trains the originals
     */
    public Optional<String> originalSource(long trainSeed) {
        if (model.originalFiles().isEmpty() || trainSeed < 1 || trainSeed > model.originalFiles().size()) {
            return Optional.empty();
        }
        OnnxModel.Source s = model.originalFiles().get((int) trainSeed - 1);
        return Optional.of("file " + s.path() + " sha256 " + s.sha256() + " (training seed " + trainSeed + ")");
    }

    /**
     * Checks, before any work, that every training seed the spec's protocols use has an originals
     * file: seeds {@code b + 1} to {@code b + I} (base seed b) must lie in 1 to the number of files.
     *
     * @param spec the study spec
     * @throws IllegalArgumentException naming the protocol, the seeds it needs and the files there are
     */
    public void checkSeeds(StudySpec spec) {
        int files = model.originalFiles().size();
        if (files == 0) {
            return;
        }
        for (ProtocolRun run : spec.protocols()) {
            long first = spec.baseSeed() + 1;
            long last = spec.baseSeed() + run.trainingSeeds();
            if (first < 1 || last > files) {
                throw new IllegalArgumentException("model: protocol " + run.protocol().id() + " needs training seeds "
                        + first + " to " + last + " (base seed " + spec.baseSeed() + ", " + run.trainingSeeds()
                        + " training seeds), but " + model.file().name() + " has " + files + " originals files, for "
                        + "training seeds 1 to " + files + "; list more originals or use fewer training seeds");
            }
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
