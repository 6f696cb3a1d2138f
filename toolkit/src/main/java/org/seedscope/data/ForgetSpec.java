package org.seedscope.data;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What to forget (PAPER.md "Forget scenarios"): a full class, a sub-class inside its
 * superclass, or a seeded random fraction of the training set. {@link #split(Dataset)} turns a
 * spec into the retain/forget/test sets of a {@link Split}; {@link #id()} is a short stable
 * string for tables and cache keys, read back by {@link #parse(String)}.
 */
public sealed interface ForgetSpec permits ForgetSpec.FullClass, ForgetSpec.SubClass, ForgetSpec.RandomFraction {

    /** @return a short stable id, e.g. {@code full:Shirt}, {@code sub:Shirt}, {@code random:0.10@seed7} */
    String id();

    /**
     * Splits a dataset according to this spec; row order within every set is the dataset's.
     *
     * @param dataset the data
     * @return the split
     * @throws IllegalArgumentException for an unknown class (the message lists the valid names)
     *         or when the forget set would be empty
     */
    Split split(Dataset dataset);

    /**
     * Forget every training example of one class.
     *
     * @param className a name in the dataset's class names
     * @return the spec, id {@code full:<className>}
     */
    static ForgetSpec fullClass(String className) {
        return new FullClass(className);
    }

    /**
     * Train on superclass labels and forget one fine class inside its superclass; the dataset
     * needs a {@link ClassHierarchy}.
     *
     * @param fineClassName a fine class name of the dataset
     * @return the spec, id {@code sub:<fineClassName>}
     */
    static ForgetSpec subClass(String fineClassName) {
        return new SubClass(fineClassName);
    }

    /**
     * Forget a seeded random sample of the training set.
     *
     * @param fraction share of the training set to forget, in (0, 1); NaN is rejected
     * @param seed seed of the sample
     * @return the spec, id {@code random:<fraction>@seed<seed>}
     */
    static ForgetSpec randomFraction(double fraction, long seed) {
        return new RandomFraction(fraction, seed);
    }

    /**
     * Reads a spec from its {@link #id()}: {@code full:<class>}, {@code sub:<fine class>} or
     * {@code random:<fraction>@seed<seed>} (e.g. {@code random:0.1@seed7}). Class names are
     * checked only when the spec is applied to a dataset.
     *
     * @param id the id string
     * @return the spec
     * @throws IllegalArgumentException if the string has none of these forms
     */
    static ForgetSpec parse(String id) {
        Objects.requireNonNull(id, "forget spec id");
        int colon = id.indexOf(':');
        String kind = colon < 0 ? "" : id.substring(0, colon).trim();
        String rest = colon < 0 ? "" : id.substring(colon + 1).trim();
        String expected = "; expected full:<class>, sub:<fine class> or random:<fraction>@seed<seed>,"
                + " e.g. full:Shirt, sub:Shirt, random:0.10@seed7";
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("cannot read forget spec '" + id + "'" + expected);
        }
        switch (kind) {
            case "full":
                return new FullClass(rest);
            case "sub":
                return new SubClass(rest);
            case "random":
                int at = rest.indexOf("@seed");
                if (at < 0) {
                    throw new IllegalArgumentException("forget spec '" + id + "' has no @seed<seed> part" + expected);
                }
                try {
                    return new RandomFraction(Double.parseDouble(rest.substring(0, at)),
                            Long.parseLong(rest.substring(at + 5)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("forget spec '" + id + "': fraction or seed is not a number"
                            + expected, e);
                }
            default:
                throw new IllegalArgumentException("unknown forget spec kind '" + kind + "' in '" + id + "'" + expected);
        }
    }

    /**
     * Full-class forgetting: forgetTrain = training examples of the class, retainTrain = the
     * rest; forgetTest = test examples of the class, retainTest = the other test examples,
     * test = all test examples; labels unchanged.
     *
     * @param className the class to forget
     */
    record FullClass(String className) implements ForgetSpec {

        /** Rejects a null or blank name. */
        public FullClass {
            Splits.requireName(className, "class name");
        }

        @Override
        public String id() {
            return "full:" + className;
        }

        @Override
        public Split split(Dataset dataset) {
            int c = Splits.classIndex(dataset.classNames(), className, dataset.name(), "class");
            return Splits.byLabel(dataset, this, dataset.classNames(), dataset.train(), dataset.test(),
                    dataset.train().y(), dataset.test().y(), c);
        }
    }

    /**
     * Sub-class forgetting: every label is replaced by its superclass; forgetTrain = training
     * examples of the fine class (with their superclass label), retainTrain = the rest;
     * forgetTest = test examples of the fine class (superclass label), retainTest = the other
     * test examples, test = all test examples; {@link Split#classNames()} are the superclasses.
     *
     * @param fineClassName the fine class to forget
     */
    record SubClass(String fineClassName) implements ForgetSpec {

        /** Rejects a null or blank name. */
        public SubClass {
            Splits.requireName(fineClassName, "fine class name");
        }

        @Override
        public String id() {
            return "sub:" + fineClassName;
        }

        @Override
        public Split split(Dataset dataset) {
            ClassHierarchy h = dataset.hierarchy().orElseThrow(() -> new IllegalArgumentException("dataset "
                    + dataset.name() + " has no class hierarchy, which sub-class forgetting ('" + id()
                    + "') needs; attach one with Dataset.withHierarchy"));
            int fine = Splits.classIndex(dataset.classNames(), fineClassName, dataset.name(), "fine class");
            int coarseCount = h.coarseNames().size();
            Examples train = dataset.train().relabel(h.toCoarse(dataset.train().y()), coarseCount);
            Examples test = dataset.test().relabel(h.toCoarse(dataset.test().y()), coarseCount);
            return Splits.byLabel(dataset, this, h.coarseNames(), train, test, dataset.train().y(),
                    dataset.test().y(), fine);
        }
    }

    /**
     * Random-fraction forgetting: k = round(fraction * n) of the n training examples are drawn
     * without replacement (partial Fisher-Yates shuffle driven by {@code new SplittableRandom(seed)})
     * and form forgetTrain, in original order; retainTrain = the rest; test = retainTest = all
     * test examples; forgetTest is empty, so forget accuracy is measured on forgetTrain.
     *
     * @param fraction share of the training set to forget, in (0, 1)
     * @param seed seed of the sample
     */
    record RandomFraction(double fraction, long seed) implements ForgetSpec {

        /** Rejects a fraction outside (0, 1), including NaN. */
        public RandomFraction {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("forget fraction must be in (0, 1), got " + fraction);
            }
        }

        /** @return e.g. {@code random:0.10@seed7}: at least two decimals, more when needed to be exact */
        @Override
        public String id() {
            BigDecimal f = new BigDecimal(Double.toString(fraction)).stripTrailingZeros();
            return "random:" + f.setScale(Math.max(2, f.scale())).toPlainString() + "@seed" + seed;
        }

        @Override
        public Split split(Dataset dataset) {
            int n = dataset.train().size();
            long k = Math.round(fraction * n);
            if (k == 0 || k == n) {
                throw new IllegalArgumentException(id() + " on " + dataset.name() + ": round(" + fraction + " * " + n
                        + ") = " + k + " training examples, so the " + (k == 0 ? "forget" : "retain")
                        + " set would be empty; choose a fraction between " + 0.5 / n + " and " + (1 - 0.5 / n));
            }
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(seed);
            boolean[] forget = new boolean[n];
            for (int i = 0; i < k; i++) {
                int j = i + random.nextInt(n - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
                forget[order[i]] = true;
            }
            return Splits.byMask(dataset, this, dataset.classNames(), dataset.train(), forget, dataset.test(), null);
        }
    }
}
