package org.seedscope.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.train.Schedule;
import org.seedscope.train.TrainingConfig;

/**
 * The spec-file form of {@link TrainingConfig}, both directions. Canonical form:
 * {@code {epochs, batchSize, optimizer: {type: sgd, learningRate, momentum, weightDecay} |
 * {type: adam, learningRate, beta1, beta2, epsilon, weightDecay}, schedule}}. Files may also give
 * {@code optimizer: sgd|adam} with the optimiser's fields directly inside {@code training}.
 */
final class TrainingCodec {
    private static final Set<String> FIELDS = Set.of("epochs", "batchSize", "optimizer", "schedule", "learningRate",
            "momentum", "weightDecay", "beta1", "beta2", "epsilon");
    private static final Set<String> OPTIMIZER_FIELDS = Set.of("type", "learningRate", "momentum", "weightDecay",
            "beta1", "beta2", "epsilon");

    private TrainingCodec() {}

    static ObjectNode write(TrainingConfig c) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("epochs", c.epochs());
        t.put("batchSize", c.batchSize());
        ObjectNode o = t.putObject("optimizer");
        if (c.optimizer() instanceof OptimizerSpec.Sgd s) {
            o.put("type", "sgd");
            o.put("learningRate", s.learningRate());
            o.put("momentum", s.momentum());
            o.put("weightDecay", s.weightDecay());
        } else if (c.optimizer() instanceof OptimizerSpec.Adam a) {
            o.put("type", "adam");
            o.put("learningRate", a.learningRate());
            o.put("beta1", a.beta1());
            o.put("beta2", a.beta2());
            o.put("epsilon", a.epsilon());
            o.put("weightDecay", a.weightDecay());
        }
        t.put("schedule", c.schedule().toString());
        return t;
    }

    static TrainingConfig read(SpecReader r, JsonNode node, TrainingConfig d) {
        if (!node.isObject()) {
            throw r.error("field 'training' must be a mapping with " + FIELDS.stream().sorted().toList());
        }
        r.checkFields(node, FIELDS, "training.");
        JsonNode opt = node.get("optimizer");
        OptimizerSpec optimizer;
        if (opt != null && opt.isObject()) {
            for (String flat : new String[] {"learningRate", "momentum", "weightDecay", "beta1", "beta2", "epsilon"}) {
                if (node.has(flat)) {
                    throw r.error("give 'training." + flat + "' inside 'training.optimizer', not beside it");
                }
            }
            r.checkFields(opt, OPTIMIZER_FIELDS, "training.optimizer.");
            optimizer = optimizer(r, opt, r.text(opt, "type", typeOf(d.optimizer())), d.optimizer(), "training.optimizer.");
        } else {
            String type = opt == null ? typeOf(d.optimizer()) : r.text(node, "optimizer", null);
            optimizer = optimizer(r, node, type, d.optimizer(), "training.");
        }
        return new TrainingConfig(r.integer(node, "epochs", d.epochs()), r.integer(node, "batchSize", d.batchSize()),
                optimizer, node.has("schedule")
                        ? r.parsed("training.schedule", r.text(node, "schedule", null), Schedule::parse) : d.schedule());
    }

    private static String typeOf(OptimizerSpec o) {
        return o instanceof OptimizerSpec.Adam ? "adam" : "sgd";
    }

    private static OptimizerSpec optimizer(SpecReader r, JsonNode n, String type, OptimizerSpec d, String prefix) {
        double lr = r.number(n, "learningRate", d.learningRate());
        OptimizerSpec.Sgd sgd = d instanceof OptimizerSpec.Sgd s ? s : new OptimizerSpec.Sgd(lr, 0.9, 0);
        OptimizerSpec.Adam adam = d instanceof OptimizerSpec.Adam a ? a : OptimizerSpec.Adam.withDefaults(lr);
        try {
            return switch (type) {
                case "sgd" -> {
                    reject(r, n, prefix, "sgd", "beta1", "beta2", "epsilon");
                    yield new OptimizerSpec.Sgd(lr, r.number(n, "momentum", sgd.momentum()),
                            r.number(n, "weightDecay", sgd.weightDecay()));
                }
                case "adam" -> {
                    reject(r, n, prefix, "adam", "momentum");
                    yield new OptimizerSpec.Adam(lr, r.number(n, "beta1", adam.beta1()), r.number(n, "beta2", adam.beta2()),
                            r.number(n, "epsilon", adam.epsilon()), r.number(n, "weightDecay", adam.weightDecay()));
                }
                default -> throw r.error("field '" + prefix + (prefix.endsWith("optimizer.") ? "type" : "optimizer")
                        + "' is '" + type + "': use sgd or adam");
            };
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(r.source()) ? e : r.error("field '" + prefix.replaceAll("\\.$", "") + "': "
                    + e.getMessage(), e);
        }
    }

    private static void reject(SpecReader r, JsonNode n, String prefix, String type, String... fields) {
        for (String f : fields) {
            if (n.has(f)) {
                throw r.error("field '" + prefix + f + "' does not apply to the " + type + " optimizer");
            }
        }
    }
}
