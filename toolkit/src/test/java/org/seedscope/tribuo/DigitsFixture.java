package org.seedscope.tribuo;

import java.util.Arrays;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;
import org.seedscope.data.Examples;

/**
 * The shipped digits data (64 features in [0, 1], 10 classes) cut down for fast tests: the first
 * {@value #TRAIN_ROWS} training rows and the whole test set; class {@value #FORGET_CLASS} is the
 * forgotten class.
 */
final class DigitsFixture {
    static final int TRAIN_ROWS = 700;
    static final int FORGET_CLASS = 0;

    final Examples train;
    final Examples test;
    final Examples retain;
    final Examples forget;
    final Examples retainTest;
    final Examples forgetTest;

    DigitsFixture() {
        Dataset digits = Datasets.digits();
        train = digits.train().select(range(TRAIN_ROWS));
        test = digits.test();
        retain = train.select(rowsWhere(train, false));
        forget = train.select(rowsWhere(train, true));
        retainTest = test.select(rowsWhere(test, false));
        forgetTest = test.select(rowsWhere(test, true));
    }

    static int[] range(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    /** @return the rows of the forgotten class ({@code forget = true}) or of every other class */
    static int[] rowsWhere(Examples data, boolean forget) {
        return java.util.stream.IntStream.range(0, data.size())
                .filter(i -> (data.y()[i] == FORGET_CLASS) == forget).toArray();
    }
}
