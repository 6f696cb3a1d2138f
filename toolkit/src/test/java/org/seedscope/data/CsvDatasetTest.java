package org.seedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void stringLabelsBecomeSortedClassIndicesAndLastFifthOfEachClassIsTest() throws IOException {
        StringBuilder csv = new StringBuilder("a,species,b\n");
        for (int i = 0; i < 10; i++) {
            csv.append(i).append(",setosa,").append(i * 0.5).append('\n');
            csv.append(-i).append(",\"versicolor\",1e1\n");
        }
        Dataset d = Datasets.csv(write("iris.csv", csv.toString()), "species");
        assertEquals("iris", d.name());
        assertEquals(List.of("setosa", "versicolor"), d.classNames());
        assertEquals(2, d.features());
        assertArrayEquals(new int[] {2}, d.shape(), "a table's rows are flat");
        // hand computation: 10 rows per class, floor(10/5) = 2 test rows per class
        assertEquals(16, d.train().size());
        assertEquals(4, d.test().size());
        // test = rows 8, 9 of each class in file order: (8, 4.0) setosa, (-8, 10) versicolor, ...
        assertArrayEquals(new float[] {8f, 4f, -8f, 10f, 9f, 4.5f, -9f, 10f}, d.test().x());
        assertArrayEquals(new int[] {0, 1, 0, 1}, d.test().y());
        assertEquals("none", d.provenance().preprocessing());
        assertEquals(dir.resolve("iris.csv").toString(), d.provenance().source());
    }

    @Test
    void integerLabelsSortNumerically() throws IOException {
        Dataset d = Datasets.csv(write("n.csv", "x,y\n1,10\n2,2\n3,9\n"), "y");
        assertEquals(List.of("2", "9", "10"), d.classNames(), "numeric order, not string order");
        assertArrayEquals(new int[] {2, 0, 1}, d.train().y());
    }

    @Test
    void nonNumericFeatureNamesFileColumnAndFirstBadRow() throws IOException {
        Path file = write("bad.csv", "f1,f2,label\n1,2,a\n3,x,b\n5,y,a\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.csv(file, "label"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'f2'"), e.getMessage());
        assertTrue(e.getMessage().contains("data row 2 (line 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void missingLabelColumnListsColumnsPresent() throws IOException {
        Path file = write("nolabel.csv", "f1,f2,target\n1,2,a\n3,4,b\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.csv(file, "label"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'label'"), e.getMessage());
        assertTrue(e.getMessage().contains("[f1, f2, target]"), e.getMessage());
    }

    @Test
    void emptyFileHeaderOnlyAndSingleClassAreRejected() throws IOException {
        Path empty = write("empty.csv", "");
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.csv(empty, "label"));
        assertTrue(e.getMessage().contains(empty + ": the file is empty"), e.getMessage());

        Path header = write("header.csv", "f1,label\n");
        var h = assertThrows(IllegalArgumentException.class, () -> Datasets.csv(header, "label"));
        assertTrue(h.getMessage().contains("no data rows"), h.getMessage());

        Path one = write("one.csv", "f1,label\n1,a\n2,a\n");
        var o = assertThrows(IllegalArgumentException.class, () -> Datasets.csv(one, "label"));
        assertTrue(o.getMessage().contains("at least 2 classes"), o.getMessage());
    }

    @Test
    void separateTrainAndTestFilesShareClassNames() throws IOException {
        Path train = write("tr.csv", "f,label\n1,a\n2,b\n");
        Path test = write("te.csv", "f,label\n3,c\n");
        Dataset d = Datasets.csv(train, test, "label");
        assertEquals(List.of("a", "b", "c"), d.classNames());
        assertArrayEquals(new int[] {2}, d.test().y());
        assertEquals(2, d.train().size());
    }
}
