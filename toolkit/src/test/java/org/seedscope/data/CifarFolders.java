package org.seedscope.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small CIFAR folders in the binary distribution's layout for the tests (a handful of
 * records per file instead of 10,000; nothing is downloaded or committed).
 */
final class CifarFolders {

    /** CIFAR-10's class names, as in batches.meta.txt. */
    static final List<String> CIFAR10_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    /** CIFAR-100's 20 superclass names, as in coarse_label_names.txt. */
    static final List<String> COARSE = List.of("aquatic_mammals", "fish", "flowers", "food_containers",
            "fruit_and_vegetables", "household_electrical_devices", "household_furniture", "insects",
            "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
            "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles",
            "small_mammals", "trees", "vehicles_1", "vehicles_2");

    /** CIFAR-100's 100 class names in label (alphabetical) order, as in fine_label_names.txt. */
    static final List<String> FINE = List.of(("apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl"
            + " boy bridge bus butterfly camel can castle caterpillar cattle chair chimpanzee clock cloud cockroach"
            + " couch crab crocodile cup dinosaur dolphin elephant flatfish forest fox girl hamster house kangaroo"
            + " keyboard lamp lawn_mower leopard lion lizard lobster man maple_tree motorcycle mountain mouse mushroom"
            + " oak_tree orange orchid otter palm_tree pear pickup_truck pine_tree plain plate poppy porcupine possum"
            + " rabbit raccoon ray road rocket rose sea seal shark shrew skunk skyscraper snail snake spider squirrel"
            + " streetcar sunflower sweet_pepper table tank telephone television tiger tractor train trout tulip"
            + " turtle wardrobe whale willow_tree wolf woman worm").split(" "));

    /**
     * CIFAR-100's superclass of each fine label (the pairing its records carry; e.g. rocket = 69
     * is in vehicles_2 = 19, mushroom = 51 in fruit_and_vegetables = 4).
     */
    static final int[] COARSE_OF = {4, 1, 14, 8, 0, 6, 7, 7, 18, 3, 3, 14, 9, 18, 7, 11, 3, 9, 7, 11, 6, 11, 5, 10,
        7, 6, 13, 15, 3, 15, 0, 11, 1, 10, 12, 14, 16, 9, 11, 5, 5, 19, 8, 8, 15, 13, 14, 17, 18, 10, 16, 4, 17, 4, 2,
        0, 17, 4, 18, 17, 10, 3, 2, 12, 12, 16, 12, 1, 9, 19, 2, 10, 0, 1, 16, 12, 9, 13, 15, 13, 16, 19, 2, 4, 6, 19,
        5, 5, 8, 19, 18, 1, 2, 15, 6, 0, 17, 8, 14, 13};

    static final int PIXELS = 3072;

    private CifarFolders() {
    }

    /** Pixel byte {@code p} (0..3071) of the record with global index {@code record}. */
    static int pixel(int record, int p) {
        return (record * 31 + p * 7) & 0xFF;
    }

    /**
     * A cifar-10-batches-bin folder: {@code perBatch} records in each of the 5 training batches
     * and {@code test} in test_batch.bin; record {@code i} (counted over the training batches,
     * then from 0 in the test batch) has label {@code i % 10} and pixels {@link #pixel}.
     */
    static Path cifar10(Path parent, int perBatch, int test) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("cifar-10-batches-bin"));
        for (int b = 0; b < 5; b++) {
            List<int[]> labels = new ArrayList<>();
            for (int r = 0; r < perBatch; r++) {
                labels.add(new int[] {(b * perBatch + r) % 10});
            }
            write(dir.resolve("data_batch_" + (b + 1) + ".bin"), labels, b * perBatch);
        }
        List<int[]> testLabels = new ArrayList<>();
        for (int r = 0; r < test; r++) {
            testLabels.add(new int[] {r % 10});
        }
        write(dir.resolve("test_batch.bin"), testLabels, 0);
        Files.writeString(dir.resolve("batches.meta.txt"), String.join("\n", CIFAR10_NAMES) + "\n\n");
        return dir;
    }

    /**
     * A cifar-100-binary folder: {@code trainPerFine} records of every fine class in train.bin
     * and {@code testPerFine} in test.bin; record {@code i} of a file has fine label
     * {@code i % 100}, coarse label {@link #COARSE_OF}{@code [i % 100]} and pixels {@link #pixel}.
     */
    static Path cifar100(Path parent, int trainPerFine, int testPerFine) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("cifar-100-binary"));
        write(dir.resolve("train.bin"), cifar100Labels(100 * trainPerFine), 0);
        write(dir.resolve("test.bin"), cifar100Labels(100 * testPerFine), 0);
        Files.writeString(dir.resolve("coarse_label_names.txt"), String.join("\n", COARSE) + "\n\n");
        Files.writeString(dir.resolve("fine_label_names.txt"), String.join("\n", FINE) + "\n\n");
        return dir;
    }

    static List<int[]> cifar100Labels(int records) {
        List<int[]> labels = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            labels.add(new int[] {COARSE_OF[i % 100], i % 100});
        }
        return labels;
    }

    /**
     * Rewrites a CIFAR-100 file as {@code records} records of {@link #cifar100Labels}, except
     * that record {@code changed} gets the given coarse and fine label bytes.
     */
    static void cifar100With(Path file, int records, int changed, int coarse, int fine) throws IOException {
        List<int[]> labels = cifar100Labels(records);
        labels.set(changed, new int[] {coarse, fine});
        write(file, labels, 0);
    }

    /** Writes records: each record's label bytes, then its pixels numbered from {@code first}. */
    static void write(Path file, List<int[]> labels, int first) throws IOException {
        int labelBytes = labels.isEmpty() ? 0 : labels.get(0).length;
        byte[] out = new byte[labels.size() * (labelBytes + PIXELS)];
        int o = 0;
        for (int r = 0; r < labels.size(); r++) {
            for (int l : labels.get(r)) {
                out[o++] = (byte) l;
            }
            for (int p = 0; p < PIXELS; p++) {
                out[o++] = (byte) pixel(first + r, p);
            }
        }
        Files.write(file, out);
    }
}
