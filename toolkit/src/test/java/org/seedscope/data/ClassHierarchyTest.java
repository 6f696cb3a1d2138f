package org.seedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassHierarchyTest {

    @Test
    void fashionMnistGroupsTopsFootwearOther() {
        ClassHierarchy h = ClassHierarchy.fashionMnist();
        assertEquals(List.of("tops", "footwear", "other"), h.coarseNames());
        assertEquals(List.of("T-shirt/top", "Pullover", "Coat", "Shirt"), h.finesOf("tops"));
        assertEquals(List.of("Sandal", "Sneaker", "Ankle boot"), h.finesOf("footwear"));
        assertEquals(List.of("Trouser", "Dress", "Bag"), h.finesOf("other"));
        // class order 0..9: T-shirt, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot
        assertArrayEquals(new int[] {0, 2, 0, 2, 0, 1, 0, 1, 2, 1},
                h.toCoarse(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertEquals("tops=[T-shirt/top, Pullover, Coat, Shirt], footwear=[Sandal, Sneaker, Ankle boot], "
                + "other=[Trouser, Dress, Bag]", h.toString());
    }

    @Test
    void rejectsIncompleteOrInconsistentMappings() {
        List<String> fine = List.of("a", "b", "c");
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new ClassHierarchy(fine, List.of("x", "y"), Map.of("a", "x", "b", "y")));
        assertTrue(missing.getMessage().contains("[a, b, c]"), missing.getMessage());
        var unknownCoarse = assertThrows(IllegalArgumentException.class,
                () -> new ClassHierarchy(fine, List.of("x", "y"), Map.of("a", "x", "b", "y", "c", "z")));
        assertTrue(unknownCoarse.getMessage().contains("'z'"), unknownCoarse.getMessage());
        var unused = assertThrows(IllegalArgumentException.class,
                () -> new ClassHierarchy(fine, List.of("x", "y", "w"), Map.of("a", "x", "b", "y", "c", "y")));
        assertTrue(unused.getMessage().contains("'w' has no fine class"), unused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ClassHierarchy(fine, List.of("x"), Map.of("a", "x", "b", "x", "c", "x")));
    }
}
