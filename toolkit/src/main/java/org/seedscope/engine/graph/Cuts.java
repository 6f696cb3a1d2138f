package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites of a {@link Graph}: a range of its nodes as a graph of its own, its ONNX model, a value
 * renamed in a node.
 */
final class Cuts {
    private static final long IR_VERSION = 8;

    private Cuts() {}

    /** See {@link Graph#extract}. */
    static Graph extract(Graph src, String graphName, int from, int to, List<String> outs) {
        Set<String> needed = new HashSet<>(outs);
        boolean[] keep = new boolean[to];
        for (int i = to - 1; i >= from; i--) {
            NodeProto n = src.nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(n.getInputList());
            }
        }
        Graph g = new Graph(graphName);
        g.counter = src.counter;
        g.names.addAll(src.names);
        Set<String> produced = new HashSet<>();
        for (int i = from; i < to; i++) {
            if (keep[i]) {
                produced.addAll(src.nodes.get(i).getOutputList());
            }
        }
        for (Map.Entry<String, Shape> in : src.inputs.entrySet()) {
            if (needed.contains(in.getKey())) {
                g.input(in.getKey(), in.getValue());
            }
        }
        for (String v : sortedNeeded(src, needed, from)) {
            if (!produced.contains(v) && !src.constants.containsKey(v) && !src.inputs.containsKey(v) && !v.isEmpty()) {
                g.input(v, src.shape(v));
            }
        }
        for (Map.Entry<String, TensorProto> c : src.constants.entrySet()) {
            if (needed.contains(c.getKey())) {
                g.constants.put(c.getKey(), c.getValue());
                g.bound.add(c.getKey());
                g.shapes.put(c.getKey(), src.shapes.get(c.getKey()));
            }
        }
        for (int i = from; i < to; i++) {
            if (keep[i]) {
                g.nodes.add(src.nodes.get(i));
                g.bound.addAll(src.nodes.get(i).getOutputList());
            }
        }
        for (String v : produced) {
            if (src.shapes.containsKey(v)) {
                g.shapes.put(v, src.shapes.get(v));
            }
        }
        for (String o : outs) {
            g.output(o);
        }
        return g;
    }

    /** Values read across the cut in the order their producers appear, so extracted inputs are stable. */
    private static List<String> sortedNeeded(Graph src, Set<String> needed, int before) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            for (String o : src.nodes.get(i).getOutputList()) {
                if (needed.contains(o)) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** See {@link Graph#toModel}. */
    static ModelProto toModel(Graph src) {
        Graph g = new Graph(src);
        g.nodes = new ArrayList<>();
        g.inferring = false;
        for (NodeProto n : src.nodes) {
            if (OpRules.isCustom(n.getOpType())) {
                g.bound.removeAll(n.getOutputList());
                OpRules.get(n.getOpType()).lower(n, g);
            } else {
                g.nodes.add(n);
            }
        }
        Set<String> needed = new HashSet<>(src.outputs());
        List<NodeProto> kept = new ArrayList<>();
        for (int i = g.nodes.size() - 1; i >= 0; i--) {
            NodeProto n = g.nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                kept.add(n);
                needed.addAll(n.getInputList());
            }
        }
        Collections.reverse(kept);
        GraphProto.Builder b = GraphProto.newBuilder().setName(src.name).addAllNode(kept);
        for (Map.Entry<String, Shape> in : src.inputs.entrySet()) {
            b.addInput(valueInfo(in.getKey(), in.getValue()));
        }
        for (Map.Entry<String, TensorProto> c : g.constants.entrySet()) {
            if (needed.contains(c.getKey())) {
                b.addInitializer(c.getValue());
            }
        }
        for (String o : src.outputs()) {
            b.addOutput(valueInfo(o, src.shapes.get(o)));
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("seedscope")
                .setProducerVersion(org.seedscope.Version.toolkit())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset(kept)))
                .setGraph(b).build();
    }

    /** @return {@value Graph#OPSET}, or the first operator set with Col2Im for graphs that use it */
    private static int opset(List<NodeProto> nodes) {
        return nodes.stream().anyMatch(n -> n.getOpType().equals("Col2Im")) ? PhaseConvRule.COL2IM_OPSET : Graph.OPSET;
    }

    private static ValueInfoProto valueInfo(String value, Shape shape) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE);
        if (shape != null) {
            TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
            for (int i = 0; i < shape.rank(); i++) {
                long d = shape.dim(i);
                s.addDim(d == Shape.BATCH ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                        : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            t.setShape(s);
        }
        return ValueInfoProto.newBuilder().setName(value).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }


    /** @return the node with every input and output named {@code from} named {@code to} */
    static NodeProto renamed(NodeProto n, String from, String to) {
        if (!n.getInputList().contains(from) && !n.getOutputList().contains(from)) {
            return n;
        }
        NodeProto.Builder b = n.toBuilder();
        for (int k = 0; k < b.getInputCount(); k++) {
            if (b.getInput(k).equals(from)) {
                b.setInput(k, to);
            }
        }
        for (int k = 0; k < b.getOutputCount(); k++) {
            if (b.getOutput(k).equals(from)) {
                b.setOutput(k, to);
            }
        }
        return b.build();
    }
}
