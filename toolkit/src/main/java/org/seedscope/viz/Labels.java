package org.seedscope.viz;

import java.util.Map;

/** Package-private: readable names and axis titles (with units) for metrics and protocols. */
final class Labels {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("test_acc", "test accuracy"), Map.entry("retain_acc", "retain accuracy"),
            Map.entry("forget_acc", "forget accuracy"),
            Map.entry("retain_train_acc", "retain-train accuracy"),
            Map.entry("forget_train_acc", "forget-train accuracy"),
            Map.entry("mia", "MIA (entropy attack)"), Map.entry("mia_loss", "MIA (loss attack)"),
            Map.entry("zrf", "ZRF score"), Map.entry("js_forget", "JS divergence to Retrain, forget set"),
            Map.entry("js_test", "JS divergence to Retrain, test set"),
            Map.entry("act_dist", "activation distance to Retrain"),
            Map.entry("l2_dist", "L2 weight distance to Retrain"),
            Map.entry("runtime_s", "runtime"), Map.entry("retrain_runtime_s", "Retrain runtime"),
            Map.entry("speedup", "speed-up over Retrain"));

    private Labels() {
    }

    /** @return a readable name, e.g. "forget accuracy"; unknown metrics keep their column name */
    static String name(String metric) {
        if (metric.startsWith("d_") && NAMES.containsKey(metric.substring(2))) {
            return NAMES.get(metric.substring(2)) + " minus Retrain's";
        }
        return NAMES.getOrDefault(metric, metric);
    }

    /** @return the unit of a metric's values, e.g. "fraction, 0–1" or "s" */
    static String unit(String metric) {
        if (metric.endsWith("_acc") || metric.equals("mia") || metric.equals("mia_loss")
                || metric.equals("zrf")) {
            return metric.startsWith("d_") ? "difference of fractions" : "fraction, 0–1";
        }
        if (metric.endsWith("runtime_s")) {
            return "seconds";
        }
        if (metric.equals("speedup")) {
            return "ratio";
        }
        if (metric.startsWith("js_")) {
            return "nats";
        }
        return "metric units";
    }

    /** @return an axis title such as "forget accuracy (fraction, 0–1)" */
    static String axis(String metric) {
        return name(metric) + " (" + unit(metric) + ")";
    }

    /** @return "Algorithm 1: 1 training seed" etc.; other protocols keep their id */
    static String protocol(String protocol) {
        return switch (protocol) {
            case ResultRows.ONE_SEED -> "Algorithm 1: 1 training seed";
            case ResultRows.MANY_SEEDS -> "Algorithm 2: many training seeds";
            case ResultRows.GRID -> "full grid";
            default -> protocol;
        };
    }
}
