package org.seedscope.engine.graph;

import java.util.Map;
import java.util.TreeMap;

/** The operators the engine can infer shapes for and differentiate, by ONNX operator type. */
public final class OpRules {
    private static final Map<String, OpRule> RULES = Map.ofEntries(
            Map.entry("Gemm", new GemmRule()),
            Map.entry("MatMul", new MatMulRule()),
            Map.entry("Conv", new ConvRule()),
            Map.entry("BatchNormalization", new BatchNormRule()),
            Map.entry(BatchNormTrainingRule.OP, new BatchNormTrainingRule()),
            Map.entry(PhaseConvRule.OP, new PhaseConvRule()),
            Map.entry("Relu", new ReluRule()),
            Map.entry("MaxPool", new MaxPoolRule()),
            Map.entry("Max", new MaxRule()),
            Map.entry("AveragePool", new AveragePoolRule()),
            Map.entry("GlobalAveragePool", new GlobalAveragePoolRule()),
            Map.entry("Flatten", new ReshapeRule()),
            Map.entry("Reshape", new ReshapeRule()),
            Map.entry("Identity", new ReshapeRule()),
            Map.entry("Add", new AddRule()),
            Map.entry("Softmax", new SoftmaxRule()));

    private OpRules() {}

    /**
     * @param op an operator type
     * @return true when the engine has a rule for it
     */
    public static boolean has(String op) {
        return RULES.containsKey(op);
    }

    /** @return the standard ONNX operator types the engine supports, sorted */
    public static java.util.Set<String> supported() {
        TreeMap<String, OpRule> standard = new TreeMap<>(RULES);
        standard.keySet().removeIf(OpRules::isCustom);
        return standard.keySet();
    }

    static OpRule get(String op) {
        OpRule r = RULES.get(op);
        if (r == null) {
            throw new IllegalArgumentException("operator " + op + " is not supported; supported: "
                    + String.join(", ", supported()));
        }
        return r;
    }

    static boolean isCustom(String op) {
        return op.equals(BatchNormTrainingRule.OP) || op.equals(PhaseConvRule.OP);
    }
}
