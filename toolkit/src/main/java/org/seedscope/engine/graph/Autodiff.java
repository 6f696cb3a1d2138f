package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode differentiation of a {@link Graph}: appends the backward pass of the nodes written so
 * far, one vector-Jacobian rule per operator ({@link OpRules}). The nodes are visited in reverse
 * order; a value read by several nodes (a residual branch) receives the sum of their
 * contributions, added in the order the consumers are visited. Only inputs that depend on a value
 * in {@code wrt} are differentiated, so e.g. the input gradient is computed only when asked for.
 */
public final class Autodiff {
    private Autodiff() {}

    /**
     * The gradient values the backward pass produced.
     *
     * @param gradients value in {@code wrt} -> its gradient
     * @param squared parameter -> {@code sum_n g_n^2} over the batch (when per-example statistics were asked)
     * @param absolute parameter -> {@code sum_n |g_n|} over the batch (when asked)
     */
    public record Result(Map<String, String> gradients, Map<String, String> squared, Map<String, String> absolute) {}

    /**
     * Appends the backward pass to {@code g}.
     *
     * @param g the graph holding the forward nodes (with inferred shapes)
     * @param seeds forward value -> the graph value holding the gradient of the loss with respect to it
     *     (e.g. {@code logits -> dlogits})
     * @param wrt values to differentiate with respect to: graph inputs (parameters, the data)
     * @param perExample which values of {@code wrt} also get exact per-example statistics (each must be
     *     read by exactly one node whose rule supports them; examples must be independent, so no
     *     training-mode batch normalisation)
     * @return the gradient value names
     * @throws IllegalArgumentException for an operator without a rule, or per-example statistics that
     *     are not defined
     */
    public static Result differentiate(Graph g, Map<String, String> seeds, List<String> wrt, Set<String> perExample) {
        List<NodeProto> forward = new ArrayList<>(g.nodes());
        Set<String> requires = new HashSet<>(wrt);
        for (NodeProto n : forward) {
            if (n.getInputList().stream().anyMatch(requires::contains)) {
                requires.addAll(n.getOutputList());
            }
            if (!perExample.isEmpty() && OpRules.isCustom(n.getOpType())) {
                throw new IllegalArgumentException("per-example gradient statistics need independent examples, but node '"
                        + n.getName() + "' normalises over the batch (training-mode batch normalisation)");
            }
        }
        Map<String, List<String>> contributions = new HashMap<>();
        seeds.forEach((value, grad) -> contributions.computeIfAbsent(value, k -> new ArrayList<>()).add(grad));
        Map<String, List<Site>> sites = new LinkedHashMap<>();
        g.inferShapes(false);
        try {
            for (int i = forward.size() - 1; i >= 0; i--) {
                NodeProto n = forward.get(i);
                List<String> dOut = new ArrayList<>();
                boolean any = false;
                for (String out : n.getOutputList()) {
                    String d = sum(g, contributions.remove(out));
                    dOut.add(d);
                    any |= d != null;
                }
                boolean[] needed = new boolean[n.getInputCount()];
                boolean anyNeeded = false;
                for (int k = 0; k < needed.length; k++) {
                    needed[k] = requires.contains(n.getInput(k));
                    anyNeeded |= needed[k];
                }
                if (!any || !anyNeeded) {
                    continue;
                }
                if (dOut.get(0) == null) {
                    throw new IllegalArgumentException("node '" + n.getName() + "': only its first output can be "
                            + "differentiated");
                }
                List<String> dIn = OpRules.get(n.getOpType()).backward(n, dOut, needed, g);
                for (int k = 0; k < needed.length; k++) {
                    String in = n.getInput(k);
                    if (needed[k] && dIn.get(k) != null) {
                        contributions.computeIfAbsent(in, x -> new ArrayList<>()).add(dIn.get(k));
                    }
                    if (perExample.contains(in)) {
                        sites.computeIfAbsent(in, x -> new ArrayList<>()).add(new Site(n, k, dOut.get(0)));
                    }
                }
            }
            Map<String, String> grads = new LinkedHashMap<>();
            for (String w : wrt) {
                String d = sum(g, contributions.get(w));
                grads.put(w, d != null ? d : zeros(g, w));
            }
            Map<String, String> squared = new LinkedHashMap<>();
            Map<String, String> absolute = new LinkedHashMap<>();
            for (String p : perExample) {
                List<Site> at = sites.getOrDefault(p, List.of());
                if (at.size() > 1) {
                    throw new IllegalArgumentException("per-example statistics of '" + p + "' are not supported: it is "
                            + "read by " + at.size() + " nodes");
                }
                if (at.isEmpty()) {
                    squared.put(p, zeros(g, p));
                    absolute.put(p, zeros(g, p));
                } else {
                    Site s = at.get(0);
                    OpRule.PerExample stats = OpRules.get(s.node.getOpType()).perExample(s.node, s.input, s.dY, g);
                    squared.put(p, stats.squared());
                    absolute.put(p, stats.absolute());
                }
            }
            return new Result(grads, squared, absolute);
        } finally {
            g.inferShapes(true);
        }
    }

    /** Where a parameter is read: the node, the input index and the gradient of the node's output. */
    private record Site(NodeProto node, int input, String dY) {}

    private static String sum(Graph g, List<String> terms) {
        if (terms == null || terms.isEmpty()) {
            return null;
        }
        String s = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            s = g.op("Add", s, terms.get(i));
        }
        return s;
    }

    private static String zeros(Graph g, String value) {
        Shape s = g.shape(value);
        if (s.hasBatch()) {
            throw new IllegalArgumentException("the loss does not depend on '" + value + "'");
        }
        return g.floats(new float[(int) s.perExample()], s.dims());
    }
}
