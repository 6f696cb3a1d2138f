package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;

/** Builds and reads ONNX node attributes, with ONNX's defaults when an attribute is absent. */
public final class Attributes {
    private Attributes() {}

    /**
     * @param name attribute name
     * @param value its value
     * @return an INT attribute
     */
    public static AttributeProto of(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /**
     * @param name attribute name
     * @param value its value
     * @return a FLOAT attribute
     */
    public static AttributeProto of(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    /**
     * @param name attribute name
     * @param values its values
     * @return an INTS attribute
     */
    public static AttributeProto of(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /**
     * @param node a node
     * @param name attribute name
     * @param fallback value when the node does not set it
     * @return the INT attribute's value
     */
    public static long integer(NodeProto node, String name, long fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    /**
     * @param node a node
     * @param name attribute name
     * @param fallback value when the node does not set it
     * @return the FLOAT attribute's value
     */
    public static float real(NodeProto node, String name, float fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return fallback;
    }

    /**
     * @param node a node
     * @param name attribute name
     * @param length length of the fallback
     * @param fallback value of every element when the node does not set it
     * @return the INTS attribute's values
     */
    public static long[] integers(NodeProto node, String name, int length, long fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
        }
        long[] v = new long[length];
        Arrays.fill(v, fallback);
        return v;
    }

    /**
     * @param node a node
     * @param name attribute name
     * @param fallback value when the node does not set it
     * @return the STRING attribute's value
     */
    public static String string(NodeProto node, String name, String fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getS().toStringUtf8();
            }
        }
        return fallback;
    }
}
