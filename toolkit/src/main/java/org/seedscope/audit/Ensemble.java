package org.seedscope.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.seedscope.study.ExampleOutputs;

/**
 * The stored outputs of a set of models of one kind (unlearned or retrained), each tagged with its
 * group (training seed). Models whose outputs are bit-identical to another model of the same group
 * are kept once, with a count: a deterministic method, or the original, is one distinct model per
 * training seed however many unlearning seeds the grid has. (Copies change neither the Gaussian
 * fits, the ROC's rates nor epsilon's rates; only the number of runs, the competition's N, counts
 * them.)
 */
final class Ensemble {
    private final long[] groups;
    private final int[] copies;
    private final double[][] forget;
    private final double[][] test;

    private Ensemble(long[] groups, int[] copies, double[][] forget, double[][] test) {
        this.groups = groups;
        this.copies = copies;
        this.forget = forget;
        this.test = test;
    }

    /**
     * @param groups the group of each model
     * @param outputs the outputs of each model
     * @return the ensemble, duplicates within a group dropped
     */
    static Ensemble of(List<Long> groups, List<ExampleOutputs> outputs) {
        List<Long> g = new ArrayList<>();
        List<ExampleOutputs> kept = new ArrayList<>();
        List<Integer> count = new ArrayList<>();
        for (int m = 0; m < outputs.size(); m++) {
            int duplicate = -1;
            for (int k = 0; k < kept.size() && duplicate < 0; k++) {
                duplicate = g.get(k).equals(groups.get(m)) && kept.get(k).equals(outputs.get(m)) ? k : -1;
            }
            if (duplicate < 0) {
                g.add(groups.get(m));
                kept.add(outputs.get(m));
                count.add(1);
            } else {
                count.set(duplicate, count.get(duplicate) + 1);
            }
        }
        long[] gs = new long[g.size()];
        double[][] f = new double[g.size()][];
        double[][] t = new double[g.size()][];
        for (int m = 0; m < gs.length; m++) {
            gs[m] = g.get(m);
            f[m] = toDouble(kept.get(m).forget());
            t[m] = toDouble(kept.get(m).test());
        }
        return new Ensemble(gs, count.stream().mapToInt(Integer::intValue).toArray(), f, t);
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** @return distinct models */
    int models() {
        return groups.length;
    }

    /** @return runs (cells), duplicates included: the competition's N */
    int runs() {
        return java.util.Arrays.stream(copies).sum();
    }

    long[] groups() {
        return groups.clone();
    }

    /** @return the distinct groups, ascending */
    long[] distinctGroups() {
        return new TreeSet<>(java.util.Arrays.stream(groups).boxed().toList()).stream().mapToLong(Long::longValue)
                .toArray();
    }

    int examples(boolean forgetSet) {
        return groups.length == 0 ? 0 : (forgetSet ? forget : test)[0].length;
    }

    /** @return indices of the models outside group {@code g} */
    int[] except(long g) {
        return select(g, false);
    }

    /** @return indices of the models of group {@code g} */
    int[] in(long g) {
        return select(g, true);
    }

    private int[] select(long g, boolean inside) {
        return java.util.stream.IntStream.range(0, groups.length).filter(m -> (groups[m] == g) == inside).toArray();
    }

    /** @return the models of group {@code g} as an ensemble */
    Ensemble only(long g) {
        int[] m = in(g);
        long[] gs = new long[m.length];
        int[] c = new int[m.length];
        double[][] f = new double[m.length][];
        double[][] t = new double[m.length][];
        for (int k = 0; k < m.length; k++) {
            gs[k] = g;
            c[k] = copies[m[k]];
            f[k] = forget[m[k]];
            t[k] = test[m[k]];
        }
        return new Ensemble(gs, c, f, t);
    }

    /** @return phi of example {@code x} under each of the given models */
    double[] column(int[] models, int x, boolean forgetSet) {
        double[][] phi = forgetSet ? forget : test;
        double[] out = new double[models.length];
        for (int k = 0; k < models.length; k++) {
            out[k] = phi[models[k]][x];
        }
        return out;
    }

    /** @return phi of every example under model {@code m} */
    double[] phi(int m, boolean forgetSet) {
        return (forgetSet ? forget : test)[m];
    }

    /** @return every model's index */
    int[] all() {
        return java.util.stream.IntStream.range(0, groups.length).toArray();
    }

    /**
     * @param unlearned unlearned models
     * @param retrained retrained models
     * @return the competition's epsilon of each forget example between the two ensembles
     */
    static double[] epsilons(Ensemble unlearned, Ensemble retrained) {
        int[] u = unlearned.all();
        int[] r = retrained.all();
        double[] out = new double[unlearned.examples(true)];
        for (int x = 0; x < out.length; x++) {
            out[x] = CompetitionEpsilon.epsilon(unlearned.column(u, x, true), retrained.column(r, x, true));
        }
        return out;
    }
}
