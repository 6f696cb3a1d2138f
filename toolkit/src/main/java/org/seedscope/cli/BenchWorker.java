package org.seedscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.EngineOptions;
import org.seedscope.engine.Layer;
import org.seedscope.engine.Network;
import org.seedscope.train.EpochLog;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;

/**
 * SeedScope's side of one benchmark sample ({@code bench --worker}, run in its own JVM by
 * {@link ThroughputBench}): trains a network on the shipped Fashion-MNIST subset (training seed 1,
 * the default SGD schedule, batch 128) for one untimed warm-up epoch and {@code epochs} timed ones,
 * on all 12,000 training examples or the first {@code examples} of them.
 */
final class BenchWorker {
    /** Batch size of every benchmark, both sides. */
    static final int BATCH = 128;

    private BenchWorker() {}

    /**
     * @param model a network id the peer also knows: {@code mlp-256}, {@code cnn} or {@code resnet-N}
     * @param threads ONNX Runtime intra-op threads
     * @param epochs timed epochs
     * @param examples train on the first this many training examples in file order; 0 for all
     * @return {@code architecture}, {@code engine}, {@code epoch_examples_per_second} and their
     *     median {@code examples_per_second}
     */
    static ObjectNode run(String model, int threads, int epochs, int examples) {
        Dataset data = Datasets.fashionMnist();
        Architecture arch = architecture(model, data);
        Examples train = examples == 0 ? data.train() : data.train().select(IntStream.range(0, examples).toArray());
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs + 1).withBatchSize(BATCH);
        ObjectNode out = new ObjectMapper().createObjectNode();
        try (Engine engine = Engine.create(EngineOptions.defaults().withThreads(threads))) {
            List<EpochLog> log = new Trainer(engine, config).fit(arch, train, 1).log();
            double[] rates = log.stream().skip(1).mapToDouble(e -> train.size() / e.seconds()).toArray();
            out.put("architecture", arch.toString());
            boolean convolutional = arch.layers().stream().anyMatch(l -> l instanceof Layer.Conv2d);
            out.put("engine", engine.describe()
                    + (convolutional ? ", training convolutions " + engine.trainingConvolutions() : ""));
            ArrayNode epochs1 = out.putArray("epoch_examples_per_second");
            Arrays.stream(rates).forEach(r -> epochs1.add(Math.round(r * 10) / 10.0));
            out.put("examples_per_second", ThroughputBench.median(rates));
        }
        return out;
    }

    /** @return the architecture of a benchmark network on the data, or an error listing the ids the peer has */
    static Architecture architecture(String model, Dataset data) {
        if (!model.equals("mlp-256") && !model.equals("cnn") && !model.matches("resnet-\\d+")) {
            throw new IllegalArgumentException("--model " + model + " has no PyTorch peer in bench/pytorch_peer.py: use "
                    + "mlp-256, cnn or resnet-N (N = 8, 14, 20, ...)");
        }
        return Network.parse(model).architecture(data.shape(), data.classes());
    }
}
