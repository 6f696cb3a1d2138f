package org.seedscope.study;

import java.nio.file.Path;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;

/** Resolves the {@code dataset} field of a spec to data. */
public final class DatasetIds {
    private DatasetIds() {}

    /**
     * @param spec a spec whose dataset is {@code fashion-mnist}, {@code fashion-mnist-full},
     *     {@code digits} or {@code csv:PATH}
     * @return the data, subset to {@code trainSize}/{@code testSize} when those are positive
     */
    public static Dataset resolve(StudySpec spec) {
        String id = spec.dataset();
        Dataset d;
        if (id.equals("fashion-mnist")) {
            d = Datasets.fashionMnist();
        } else if (id.equals("fashion-mnist-full")) {
            d = Datasets.fashionMnistFull();
        } else if (id.equals("digits")) {
            d = Datasets.digits();
        } else if (id.startsWith("csv:")) {
            d = Datasets.csv(Path.of(id.substring(4)), spec.labelColumn());
        } else {
            throw new IllegalArgumentException("dataset '" + id + "' is not known: use fashion-mnist (the shipped "
                    + "subset), fashion-mnist-full, digits or csv:PATH");
        }
        if (spec.trainSize() > 0 || spec.testSize() > 0) {
            d = d.subset(spec.trainSize() > 0 ? spec.trainSize() : d.train().size(),
                    spec.testSize() > 0 ? spec.testSize() : d.test().size());
        }
        return d;
    }
}
