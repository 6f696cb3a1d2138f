package org.seedscope.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A two-level class hierarchy: every fine class belongs to exactly one coarse class
 * (superclass), as CIFAR-100's classes belong to the 20 CIFAR-20 superclasses. Used for
 * sub-class forgetting (PAPER.md "Forget scenarios").
 *
 * @param fineNames fine class names, in label order (index = fine label)
 * @param coarseNames coarse class names, in label order (index = coarse label); at least 2
 * @param coarseOf maps every fine name to its coarse name; every coarse name is used
 */
public record ClassHierarchy(List<String> fineNames, List<String> coarseNames, Map<String, String> coarseOf) {

    /** Validates that the mapping covers every fine class exactly and uses every coarse class. */
    public ClassHierarchy {
        fineNames = List.copyOf(fineNames);
        coarseNames = List.copyOf(coarseNames);
        coarseOf = Map.copyOf(coarseOf);
        requireDistinct(fineNames, "fine");
        requireDistinct(coarseNames, "coarse");
        if (coarseNames.size() < 2) {
            throw new IllegalArgumentException("a class hierarchy needs at least 2 coarse classes, got " + coarseNames);
        }
        if (!coarseOf.keySet().equals(new HashSet<>(fineNames))) {
            throw new IllegalArgumentException("the fine-to-coarse map must have exactly the fine classes " + fineNames
                    + " as keys, got " + coarseOf.keySet());
        }
        for (Map.Entry<String, String> e : coarseOf.entrySet()) {
            if (!coarseNames.contains(e.getValue())) {
                throw new IllegalArgumentException("fine class '" + e.getKey() + "' maps to '" + e.getValue()
                        + "', which is not one of the coarse classes " + coarseNames);
            }
        }
        for (String coarse : coarseNames) {
            if (!coarseOf.containsValue(coarse)) {
                throw new IllegalArgumentException("coarse class '" + coarse + "' has no fine class");
            }
        }
    }

    /**
     * The Fashion-MNIST hierarchy used by SeedScope: tops = {T-shirt/top, Pullover, Coat,
     * Shirt}, footwear = {Sandal, Sneaker, Ankle boot}, other = {Trouser, Dress, Bag}; coarse
     * order tops, footwear, other; fine order as {@link Datasets#FASHION_MNIST_CLASSES}.
     *
     * @return the hierarchy
     */
    public static ClassHierarchy fashionMnist() {
        return new ClassHierarchy(Datasets.FASHION_MNIST_CLASSES, List.of("tops", "footwear", "other"), Map.of(
                "T-shirt/top", "tops", "Pullover", "tops", "Coat", "tops", "Shirt", "tops",
                "Sandal", "footwear", "Sneaker", "footwear", "Ankle boot", "footwear",
                "Trouser", "other", "Dress", "other", "Bag", "other"));
    }

    /**
     * The coarse label of a fine label.
     *
     * @param fineLabel index into {@link #fineNames()}
     * @return index into {@link #coarseNames()}
     */
    public int coarseLabel(int fineLabel) {
        return coarseNames.indexOf(coarseOf.get(fineNames.get(fineLabel)));
    }

    /**
     * Maps fine labels to coarse labels element by element.
     *
     * @param fineLabels labels in {@code [0, fineNames().size())}
     * @return a new array of coarse labels, same length
     */
    public int[] toCoarse(int[] fineLabels) {
        int[] table = new int[fineNames.size()];
        for (int f = 0; f < table.length; f++) {
            table[f] = coarseLabel(f);
        }
        int[] out = new int[fineLabels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = table[fineLabels[i]];
        }
        return out;
    }

    /**
     * The fine classes of one coarse class, in fine label order.
     *
     * @param coarseName a name in {@link #coarseNames()}
     * @return its fine class names
     */
    public List<String> finesOf(String coarseName) {
        if (!coarseNames.contains(coarseName)) {
            throw new IllegalArgumentException("unknown coarse class '" + coarseName + "'; valid names: " + coarseNames);
        }
        List<String> out = new ArrayList<>();
        for (String fine : fineNames) {
            if (coarseOf.get(fine).equals(coarseName)) {
                out.add(fine);
            }
        }
        return List.copyOf(out);
    }

    /** @return e.g. {@code tops=[T-shirt/top, Pullover, Coat, Shirt], footwear=[...], other=[...]} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String coarse : coarseNames) {
            b.append(b.length() == 0 ? "" : ", ").append(coarse).append('=').append(finesOf(coarse));
        }
        return b.toString();
    }

    private static void requireDistinct(List<String> names, String what) {
        Objects.requireNonNull(names, what + " names");
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(what + " class names must be distinct, got " + names);
        }
    }
}
