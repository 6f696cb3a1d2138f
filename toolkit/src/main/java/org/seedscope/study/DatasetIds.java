package org.seedscope.study;

import java.nio.file.Path;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;

/** Resolves the {@code dataset} field of a spec to data. */
public final class DatasetIds {
    private DatasetIds() {}

    /**
     * @param spec a spec whose dataset is {@code fashion-mnist}, {@code fashion-mnist-full},
     *     {@code digits}, {@code idx:PATH}, {@code cifar10:PATH}, {@code cifar100:PATH},
     *     {@code cifar20:PATH} or {@code csv:PATH}
     * @return the data, subset to {@code trainSize}/{@code testSize} when those are positive
     */
    public static Dataset resolve(StudySpec spec) {
        return resolve(spec, Path.of(""));
    }

    /**
     * @param spec a spec
     * @param base the folder relative paths in {@code idx:}, {@code cifar*:} and {@code csv:} ids are
     *     resolved against (a spec file's folder)
     * @return the data, subset to {@code trainSize}/{@code testSize} when those are positive
     */
    public static Dataset resolve(StudySpec spec, Path base) {
        String id = spec.dataset();
        Dataset d;
        if (id.equals("fashion-mnist")) {
            d = Datasets.fashionMnist();
        } else if (id.equals("fashion-mnist-full")) {
            d = Datasets.fashionMnistFull();
        } else if (id.equals("digits")) {
            d = Datasets.digits();
        } else if (id.startsWith("idx:")) {
            d = Datasets.idx(base.resolve(id.substring(4)));
        } else if (id.startsWith("cifar10:")) {
            d = Datasets.cifar10(base.resolve(id.substring(8)));
        } else if (id.startsWith("cifar100:")) {
            d = Datasets.cifar100(base.resolve(id.substring(9)));
        } else if (id.startsWith("cifar20:")) {
            d = Datasets.cifar20(base.resolve(id.substring(8)));
        } else if (id.startsWith("csv:")) {
            d = Datasets.csv(base.resolve(id.substring(4)), spec.labelColumn());
        } else {
            throw new IllegalArgumentException("dataset '" + id + "' is not known: use fashion-mnist (the shipped "
                    + "subset), fashion-mnist-full, digits, idx:PATH (a folder of IDX files), cifar10:PATH "
                    + "(cifar-10-batches-bin), cifar100:PATH or cifar20:PATH (cifar-100-binary: fine labels with the 20 "
                    + "superclasses as hierarchy, or the 20 coarse labels) or csv:PATH");
        }
        if (spec.trainSize() > 0 || spec.testSize() > 0) {
            d = d.subset(spec.trainSize() > 0 ? spec.trainSize() : d.train().size(),
                    spec.testSize() > 0 ? spec.testSize() : d.test().size());
        }
        return d;
    }
}
