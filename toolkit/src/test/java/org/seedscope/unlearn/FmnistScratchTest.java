package org.seedscope.unlearn;

import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;

class FmnistScratchTest {
    static Examples load(String images, String labels, int n) throws IOException {
        String dir = "/usr/share/datasets/fashion-mnist/";
        try (DataInputStream xi = new DataInputStream(new GZIPInputStream(new FileInputStream(dir + images)));
                DataInputStream yi = new DataInputStream(new GZIPInputStream(new FileInputStream(dir + labels)))) {
            xi.readInt(); xi.readInt(); xi.readInt(); xi.readInt();
            yi.readInt(); yi.readInt();
            float[] x = new float[n * 784];
            int[] y = new int[n];
            byte[] buf = new byte[784];
            for (int i = 0; i < n; i++) {
                xi.readFully(buf);
                for (int d = 0; d < 784; d++) x[i * 784 + d] = (buf[d] & 0xff) / 255f;
                y[i] = yi.readUnsignedByte();
            }
            return new Examples(x, y, 784, 10);
        }
    }

    static Examples where(Examples e, boolean forget) {
        return e.select(IntStream.range(0, e.size()).filter(i -> (e.y()[i] == 0) == forget).toArray());
    }

    @Test
    void measure() throws IOException {
        Examples train = load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 12000);
        Examples test = load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 3000);
        try (Engine engine = Engine.cpu()) {
            TrainingConfig cfg = TrainingConfig.defaults();
            long t0 = System.nanoTime();
            Model original = new Trainer(engine, cfg).fit(new Architecture(784, List.of(256), 10), train, 1).model();
            System.out.printf("train %.1fs%n", (System.nanoTime() - t0) / 1e9);
            Examples tr = where(test, false), tf = where(test, true);
            UnlearningContext ctx = new UnlearningContext(where(train, false), where(train, true), 5, engine, cfg);
            System.out.printf("original retain %.3f forget %.3f%n", acc(engine, original, tr), acc(engine, original, tf));
            for (UnlearningMethod m : METHODS) {
                long t1 = System.nanoTime();
                try {
                    Model u = m.unlearn(original, ctx);
                    System.out.printf("%-14s %-90s retain %.3f forget %.3f  %.2fs%n", m.name(), m.hyperparameters(),
                            acc(engine, u, tr), acc(engine, u, tf), (System.nanoTime() - t1) / 1e9);
                } catch (RuntimeException e) {
                    System.out.println(m.name() + " " + m.hyperparameters() + " " + e.getMessage());
                }
            }
        }
    }

    static double acc(Engine e, Model m, Examples d) {
        return e.predict(m, d.x(), d.size()).accuracy(d.y());
    }

    static final UnlearningMethod[] METHODS = {
        NegGrad.withDefaults().withLearningRate(1e-3).withEpochs(1), NegGrad.withDefaults().withLearningRate(3e-4).withEpochs(1),
        NegGrad.withDefaults().withLearningRate(1e-4).withEpochs(1), NegGrad.withDefaults().withLearningRate(1e-4).withEpochs(2),
        NegGrad.withDefaults().withLearningRate(3e-4).withEpochs(2),
        NegGradPlus.withDefaults().withAlpha(0.97), NegGradPlus.withDefaults().withAlpha(0.99), NegGradPlus.withDefaults().withAlpha(0.999),
        NegGradPlus.withDefaults().withAlpha(0.99).withLearningRate(0.003),
        RandomLabels.withDefaults().withLearningRate(1e-4), RandomLabels.withDefaults().withLearningRate(3e-4),
        Scrub.withDefaults().withLearningRate(0.005), Scrub.withDefaults().withLearningRate(0.005).withForgetBatchSize(32),
        Scrub.withDefaults().withLearningRate(0.005).withForgetBatchSize(64), Scrub.withDefaults().withLearningRate(0.003).withForgetBatchSize(32),
        };
}
