package org.seedscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;
import org.seedscope.data.ForgetSpec;
import org.seedscope.data.Split;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.EngineOptions;
import org.seedscope.engine.Mlp;
import org.seedscope.engine.Model;
import org.seedscope.train.Losses;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;
import org.seedscope.unlearn.Amnesiac;
import org.seedscope.unlearn.AmnesiacRecorder;
import org.seedscope.unlearn.AmnesiacRecording;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.Original;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * {@code bench --methods}: one original (training seed 1) on the default setting, then every
 * registered method once (unlearning seed 1), timed; speed-up is Retrain's time over the method's.
 */
final class MethodBench {
    private MethodBench() {}

    static void run(boolean json, int threads) {
        Dataset data = Datasets.fashionMnist();
        Split split = ForgetSpec.fullClass("Shirt").split(data);
        Architecture arch = Mlp.hidden(256).architecture(data.features(), split.classNames().size());
        TrainingConfig config = TrainingConfig.defaults();
        MethodRegistry registry = MethodRegistry.standard();
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("benchmark", "unlearning-methods");
        String setting = data.name() + ", " + split.spec().id() + ", " + arch + ", " + config;
        out.put("setting", setting);
        ArrayNode rows = out.putArray("methods");
        if (!json) {
            System.out.println("Unlearning methods, each run once on one original: " + setting
                    + "; speed-up = Retrain's time / the method's");
        }
        try (Engine engine = Engine.create(EngineOptions.defaults().withThreads(threads))) {
            AmnesiacRecorder recorder = new AmnesiacRecorder(split.forgetRows(), split.train().size());
            long t0 = System.nanoTime();
            Model original = new Trainer(engine, config).train(Model.initialise(arch, SeedPurpose.ORIGINAL_INIT.derive(1)),
                    split.train(), SeedPurpose.ORIGINAL_ORDER.derive(1), Losses.crossEntropy(split.train().y()), recorder).model();
            out.put("original_seconds", (System.nanoTime() - t0) / 1e9);
            AmnesiacRecording recording = recorder.recording(original);
            UnlearningContext ctx = new UnlearningContext(split.retainTrain(), split.forgetTrain(), 1, engine, config);
            ObjectNode retrainRow = new ObjectMapper().createObjectNode();
            double retrainSeconds = time(registry.get("retrain"), original, ctx, engine, split, retrainRow);
            out.put("retrain_seconds", retrainSeconds);
            for (String id : registry.ids()) {
                UnlearningMethod m = registry.get(id);
                UnlearningContext c = m.base() instanceof Amnesiac ? ctx.withAmnesiacRecording(recording) : ctx;
                ObjectNode row = rows.addObject();
                row.put("method", id);
                if (id.equals("retrain")) {
                    row.setAll(retrainRow);
                }
                row.put("deterministic", m.deterministic());
                double seconds = id.equals("retrain") ? retrainSeconds : time(m, original, c, engine, split, row);
                row.put("seconds", seconds);
                row.put("speedup", retrainSeconds / seconds);
                if (!json) {
                    String speedup = m.base() instanceof Original ? "     n/a" // no unlearning: nothing to speed up
                            : String.format("%7.1fx", retrainSeconds / seconds);
                    System.out.printf("%-14s %8.3f s  speed-up %s  forget_acc %.3f  retain_acc %.3f%n", id, seconds,
                            speedup, row.path("forget_acc").asDouble(Double.NaN),
                            row.path("retain_acc").asDouble(Double.NaN));
                }
            }
        }
        if (json) {
            try {
                System.out.println(new ObjectMapper().writeValueAsString(out));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static double time(UnlearningMethod m, Model original, UnlearningContext ctx, Engine engine, Split split,
            ObjectNode row) {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("benchmark interrupted");
        }
        long t0 = System.nanoTime();
        Model result = m.unlearn(original, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (row != null) {
            row.put("forget_acc", engine.predict(result, split.forgetTest().x(), split.forgetTest().size())
                    .accuracy(split.forgetTest().y()));
            row.put("retain_acc", engine.predict(result, split.retainTest().x(), split.retainTest().size())
                    .accuracy(split.retainTest().y()));
        }
        return seconds;
    }
}
